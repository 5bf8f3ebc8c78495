package fr.pretadepenser.scoring.report;

import org.apache.commons.text.StringEscapeUtils;

import java.util.List;

/**
 * Builds well-formed XHTML by appending: every text goes through {@link #escape}, every element is closed, so that
 * the page parses as XML (the PDF renderer requires it) and displays the same in a browser. Public so that other
 * reports (the drift report) build their pages the same way.
 */
public final class Xhtml {

    private final StringBuilder out = new StringBuilder();

    /**
     * Escapes text for an element body or a double-quoted attribute, dropping what XML 1.0 forbids even escaped
     * (most control characters, lone surrogates).
     */
    public static String escape(String text) {
        return StringEscapeUtils.escapeXml10(text);
    }

    /** A number with a fixed count of decimals, the same in every locale. */
    public static String number(double value, int decimals) {
        return NumberStyle.ENGLISH.number(value, decimals);
    }

    /** A share as a percentage with one decimal. */
    public static String percent(double share) {
        return NumberStyle.ENGLISH.percent(share, 1);
    }

    /** A count with thousands separators. */
    public static String count(long value) {
        return NumberStyle.ENGLISH.count(value);
    }

    /** A heading of that level (1 to 6) with an id for links. */
    public Xhtml heading(int level, String id, String text) {
        out.append("<h").append(level).append(" id=\"").append(escape(id)).append("\">").append(escape(text))
                .append("</h").append(level).append(">\n");
        return this;
    }

    /** A paragraph of plain text. */
    public Xhtml paragraph(String text) {
        out.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A bulleted list of plain texts. */
    public Xhtml list(List<String> items) {
        out.append("<ul>\n");
        for (String item : items) {
            out.append("<li>").append(escape(item)).append("</li>\n");
        }
        out.append("</ul>\n");
        return this;
    }

    /** Markup that is already well formed (an SVG chart, a table). */
    public Xhtml raw(String markup) {
        out.append(markup).append('\n');
        return this;
    }

    /** A figure holding a chart, with its caption. */
    public Xhtml figure(String svg, String caption) {
        out.append("<figure>\n").append(svg).append("\n<figcaption>").append(escape(caption))
                .append("</figcaption>\n</figure>\n");
        return this;
    }

    /**
     * A table with a caption (none when empty: a slide's table has its slide's heading), column headers and, when
     * {@code rowHeaders}, the first cell of each row as its header.
     * Cells are plain text; a cell starting with {@link #FLAG} is shown as a warning (word and colour).
     */
    public Xhtml table(String caption, List<String> headers, List<List<String>> rows, boolean rowHeaders) {
        return table(caption, headers, rows, rowHeaders, new int[0]);
    }

    /** The same with fixed column widths in percent of the page (one per column), for tables of long texts. */
    public Xhtml table(String caption, List<String> headers, List<List<String>> rows, boolean rowHeaders, int... widths) {
        out.append(widths.length == 0 ? "<table>" : "<table class=\"fixed\">").append('\n');
        if (!caption.isEmpty()) {
            out.append("<caption>").append(escape(caption)).append("</caption>\n");
        }
        if (widths.length > 0) {
            out.append("<colgroup>");
            for (int w : widths) {
                out.append("<col style=\"width: ").append(w).append("%\"/>");
            }
            out.append("</colgroup>\n");
        }
        out.append("<thead><tr>");
        for (String h : headers) {
            out.append("<th scope=\"col\">").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (c == 0 && rowHeaders) {
                    out.append("<th scope=\"row\">").append(escape(cell)).append("</th>");
                } else if (cell.startsWith(FLAG)) {
                    out.append("<td class=\"flag\">").append(escape(cell.substring(FLAG.length()))).append("</td>");
                } else {
                    out.append("<td>").append(escape(cell)).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        return this;
    }

    /** Prefix of a table cell to show as a warning: the cell must also say it in words. */
    public static final String FLAG = "\u0000flag:";

    @Override
    public String toString() {
        return out.toString();
    }
}
