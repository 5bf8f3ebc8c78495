package fr.pretadepenser.scoring.report;

import java.util.List;
import java.util.Locale;

/**
 * Plain SVG charts built as strings: a line chart, a horizontal bar chart and a waterfall. Each chart carries a
 * {@code <title>} and {@code <desc>} for screen readers, explicit width and height for the PDF renderer, and text
 * escaped like the rest of the page. Colours are dark enough to read on white (contrast above 4.5:1). Public so that
 * other reports (the drift report) draw the same charts.
 */
public final class SvgChart {

    public static final String BLUE = "#1f4e79";
    public static final String ORANGE = "#a64200";
    public static final String GREY = "#595959";
    public static final String RED = "#b00020";
    public static final String GREEN = "#1b5e20";

    private static final int WIDTH = 640;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 16;
    private static final int BOTTOM = 48;

    /** One named series of points, drawn in one colour (dashed when {@code dashed}). */
    record Series(String name, double[] x, double[] y, String colour, boolean dashed) {
    }

    /** One bar: its label, value and colour. */
    public record Bar(String label, double value, String colour) {
    }

    private SvgChart() {
    }

    /**
     * A line chart over [xMin, xMax] x [yMin, yMax], with a legend, and a vertical marker at {@code markX}
     * (NaN for none) labelled {@code markLabel}.
     */
    static String line(String title, String description, String xLabel, String yLabel, List<Series> series,
                       double xMin, double xMax, double yMin, double yMax, double markX, String markLabel,
                       boolean legendBelow) {
        return line(title, description, xLabel, yLabel, series, xMin, xMax, yMin, yMax, markX, markLabel, legendBelow,
                NumberStyle.ENGLISH, WIDTH);
    }

    /** The same {@code width} pixels wide, with the axes' numbers written in {@code numbers}' style. */
    static String line(String title, String description, String xLabel, String yLabel, List<Series> series,
                       double xMin, double xMax, double yMin, double yMax, double markX, String markLabel,
                       boolean legendBelow, NumberStyle numbers, int width) {
        int height = 340;
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        StringBuilder s = open(title, description, width, height);
        axes(s, width, height, xLabel, yLabel, xMin, xMax, yMin, yMax, numbers);
        for (Series one : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < one.x().length; i++) {
                if (Double.isNaN(one.x()[i]) || Double.isNaN(one.y()[i])) {
                    continue;
                }
                double px = LEFT + (clamp(one.x()[i], xMin, xMax) - xMin) / (xMax - xMin) * plotW;
                double py = TOP + plotH - (clamp(one.y()[i], yMin, yMax) - yMin) / (yMax - yMin) * plotH;
                points.append(f(px)).append(',').append(f(py)).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(one.colour()).append("\" stroke-width=\"2\"")
                    .append(one.dashed() ? " stroke-dasharray=\"6,4\"" : "").append(" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
        }
        if (!Double.isNaN(markX)) {
            double px = LEFT + (clamp(markX, xMin, xMax) - xMin) / (xMax - xMin) * plotW;
            s.append("<line x1=\"").append(f(px)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(f(px))
                    .append("\" y2=\"").append(f(TOP + plotH)).append("\" stroke=\"").append(RED)
                    .append("\" stroke-width=\"2\" stroke-dasharray=\"3,3\"/>\n");
            boolean right = px < LEFT + plotW * 0.6;
            text(s, right ? px + 6 : px - 6, TOP + 14, right ? "start" : "end", RED, markLabel);
        }
        int legendY = legendBelow ? (int) (TOP + plotH - 18 * series.size() - 24) : TOP + 14;
        s.append("<rect x=\"").append(f(LEFT + plotW - 196)).append("\" y=\"").append(legendY + 4)
                .append("\" width=\"190\" height=\"").append(18 * series.size() + 6)
                .append("\" fill=\"#ffffff\" stroke=\"#d9d9d9\"/>\n");
        for (Series one : series) {
            double lx = LEFT + plotW - 190;
            s.append("<line x1=\"").append(f(lx)).append("\" y1=\"").append(legendY + 16).append("\" x2=\"")
                    .append(f(lx + 24)).append("\" y2=\"").append(legendY + 16).append("\" stroke=\"")
                    .append(one.colour()).append("\" stroke-width=\"2\"")
                    .append(one.dashed() ? " stroke-dasharray=\"6,4\"" : "").append("/>\n");
            text(s, lx + 30, legendY + 20, "start", "#000000", one.name());
            legendY += 18;
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars from zero, one per row, with the value printed after each bar. */
    public static String bars(String title, String description, List<Bar> bars, int decimals) {
        return bars(title, description, bars, decimals, 260);
    }

    /** The same with room for {@code labelWidth} pixels of label (about six pixels a character). */
    public static String bars(String title, String description, List<Bar> bars, int decimals, int labelWidth) {
        return bars(title, description, bars, decimals, labelWidth, NumberStyle.ENGLISH, WIDTH);
    }

    /** The same {@code width} pixels wide, with the values written in {@code numbers}' style. */
    public static String bars(String title, String description, List<Bar> bars, int decimals, int labelWidth,
                              NumberStyle numbers, int width) {
        int row = 22;
        int height = TOP + row * bars.size() + 8;
        double max = bars.stream().mapToDouble(b -> Math.abs(b.value())).max().orElse(1);
        double scale = (width - labelWidth - 80) / (max == 0 ? 1 : max);
        StringBuilder s = open(title, description, width, height);
        int y = TOP;
        for (Bar bar : bars) {
            double w = Math.max(1, Math.abs(bar.value()) * scale);
            text(s, labelWidth - 6, y + 15, "end", "#000000", shorten(bar.label(), labelWidth / 8));
            s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(f(w)).append("\" height=\"").append(row - 6).append("\" fill=\"").append(bar.colour())
                    .append("\"/>\n");
            text(s, labelWidth + w + 4, y + 15, "start", "#000000", numbers.number(bar.value(), decimals));
            y += row;
        }
        return s.append("</svg>").toString();
    }

    /**
     * A square heat map of values in [-1, 1] (correlations): blue for -1, white for 0, red for +1, one row and one
     * column per label; each cell carries its pair and value as a tooltip, and a scale is drawn below.
     */
    static String heatmap(String title, String description, List<String> labels, double[][] values) {
        int labelWidth = 190;
        int header = 150;
        int n = labels.size();
        double cell = (WIDTH - labelWidth - RIGHT) / (double) Math.max(1, n);
        int height = (int) Math.ceil(header + cell * n + 56);
        StringBuilder s = open(title, description, height);
        for (int j = 0; j < n; j++) {
            double x = labelWidth + cell * j + cell / 2 + 4;
            s.append("<text x=\"").append(f(x)).append("\" y=\"").append(header - 6)
                    .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"10\" fill=\"#000000\""
                            + " transform=\"rotate(-60 ").append(f(x)).append(' ').append(header - 6).append(")\">")
                    .append(Xhtml.escape(shorten(labels.get(j), 26))).append("</text>\n");
        }
        for (int i = 0; i < n; i++) {
            double y = header + cell * i;
            s.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(f(y + cell / 2 + 3))
                    .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"10\" text-anchor=\"end\""
                            + " fill=\"#000000\">").append(Xhtml.escape(shorten(labels.get(i), 30))).append("</text>\n");
            for (int j = 0; j < n; j++) {
                double v = values[i][j];
                s.append("<rect x=\"").append(f(labelWidth + cell * j)).append("\" y=\"").append(f(y))
                        .append("\" width=\"").append(f(cell)).append("\" height=\"").append(f(cell))
                        .append("\" fill=\"").append(diverging(v)).append("\" stroke=\"#ffffff\" stroke-width=\"0.5\">")
                        .append("<title>").append(Xhtml.escape(labels.get(i) + " x " + labels.get(j) + ": "
                                + (Double.isNaN(v) ? "no value" : Xhtml.number(v, 2)))).append("</title></rect>\n");
            }
        }
        double scaleY = header + cell * n + 16;
        double scaleW = WIDTH - labelWidth - RIGHT;
        for (int k = 0; k < 40; k++) {
            s.append("<rect x=\"").append(f(labelWidth + scaleW * k / 40)).append("\" y=\"").append(f(scaleY))
                    .append("\" width=\"").append(f(scaleW / 40 + 0.5)).append("\" height=\"10\" fill=\"")
                    .append(diverging(-1 + 2 * (k + 0.5) / 40)).append("\"/>\n");
        }
        text(s, labelWidth, scaleY + 26, "start", "#000000", "-1");
        text(s, labelWidth + scaleW / 2, scaleY + 26, "middle", "#000000", "0");
        text(s, labelWidth + scaleW, scaleY + 26, "end", "#000000", "+1");
        text(s, labelWidth - 6, scaleY + 9, "end", "#000000", "correlation");
        return s.append("</svg>").toString();
    }

    /** Blue (-1) through white (0) to red (+1); grey for no value. */
    private static String diverging(double v) {
        if (Double.isNaN(v)) {
            return "#d9d9d9";
        }
        double t = Math.max(-1, Math.min(1, v));
        int[] end = t < 0 ? new int[]{0x1f, 0x4e, 0x79} : new int[]{0xb0, 0x00, 0x20};
        double a = Math.abs(t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(end[0], a), mix(end[1], a), mix(end[2], a));
    }

    private static int mix(int channel, double share) {
        return (int) Math.round(255 + (channel - 255) * share);
    }

    /**
     * A horizontal waterfall in log-odds: starts at {@code base}, adds each bar in turn (red toward default, green
     * away from it), and ends at the total, drawn as a last dark bar labelled {@code endLabel}.
     */
    static String waterfall(String title, String description, double base, List<Bar> steps, String endLabel) {
        return waterfall(title, description, base, steps, endLabel, "base value (average client)",
                "log-odds of default (0 = probability 0.5)", NumberStyle.ENGLISH, WIDTH);
    }

    /**
     * The same {@code width} pixels wide, with the base value's and the axis' words given, and numbers written in
     * {@code numbers}' style.
     */
    static String waterfall(String title, String description, double base, List<Bar> steps, String endLabel,
                            String baseLabel, String axisLabel, NumberStyle numbers, int width) {
        int labelWidth = 250;
        int row = 22;
        int height = TOP + row * (steps.size() + 2) + BOTTOM;
        // The axis spans only the path from the base value to the score, so that small steps stay visible.
        double running = base;
        double lo = base;
        double hi = base;
        for (Bar step : steps) {
            running += step.value();
            lo = Math.min(lo, running);
            hi = Math.max(hi, running);
        }
        double pad = (hi - lo) * 0.05 + 1e-9;
        lo -= pad;
        hi += pad;
        double plotW = width - labelWidth - RIGHT - 50;
        StringBuilder s = open(title, description, width, height);
        double bottom = TOP + row * (steps.size() + 2);
        double baseX = labelWidth + (base - lo) / (hi - lo) * plotW;
        s.append("<line x1=\"").append(f(baseX)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(f(baseX))
                .append("\" y2=\"").append(f(bottom)).append("\" stroke=\"").append(GREY)
                .append("\" stroke-dasharray=\"2,3\"/>\n");
        int y = TOP;
        waterfallBar(s, y, labelWidth, baseLabel, lo, hi, plotW, base, base, BLUE, numbers.number(base, 3));
        running = base;
        for (Bar step : steps) {
            y += row;
            waterfallBar(s, y, labelWidth, step.label(), lo, hi, plotW, running, running + step.value(),
                    step.colour(), (step.value() > 0 ? "+" : "") + numbers.number(step.value(), 3));
            running += step.value();
        }
        y += row;
        waterfallBar(s, y, labelWidth, endLabel, lo, hi, plotW, base, running, "#000000",
                numbers.number(running, 3));
        s.append("<line x1=\"").append(labelWidth).append("\" y1=\"").append(f(bottom + 4)).append("\" x2=\"")
                .append(f(labelWidth + plotW)).append("\" y2=\"").append(f(bottom + 4)).append("\" stroke=\"")
                .append(GREY).append("\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double value = lo + (hi - lo) * i / 4;
            text(s, labelWidth + plotW * i / 4, bottom + 18, "middle", "#000000", numbers.number(value, 2));
        }
        text(s, labelWidth + plotW / 2, bottom + 36, "middle", "#000000", axisLabel);
        return s.append("</svg>").toString();
    }

    private static void waterfallBar(StringBuilder s, int y, int labelWidth, String label, double lo, double hi,
                                     double plotW, double from, double to, String colour, String shown) {
        double x1 = labelWidth + (Math.min(from, to) - lo) / (hi - lo) * plotW;
        double x2 = labelWidth + (Math.max(from, to) - lo) / (hi - lo) * plotW;
        text(s, labelWidth - 6, y + 15, "end", "#000000", shorten(label, labelWidth / 8));
        s.append("<rect x=\"").append(f(x1)).append("\" y=\"").append(y + 3).append("\" width=\"")
                .append(f(Math.max(2, x2 - x1))).append("\" height=\"16\" fill=\"").append(colour).append("\"/>\n");
        text(s, x2 + 4, y + 15, "start", "#000000", shown);
    }

    private static StringBuilder open(String title, String description, int height) {
        return open(title, description, WIDTH, height);
    }

    private static StringBuilder open(String title, String description, int width, int height) {
        StringBuilder s = new StringBuilder();
        String id = "c" + Integer.toHexString(title.hashCode());
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("t ").append(id).append("d\">\n")
                .append("<title id=\"").append(id).append("t\">").append(Xhtml.escape(title)).append("</title>\n")
                .append("<desc id=\"").append(id).append("d\">").append(Xhtml.escape(description))
                .append("</desc>\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        return s;
    }

    private static void axes(StringBuilder s, int width, int height, String xLabel, String yLabel, double xMin,
                             double xMax, double yMin, double yMax, NumberStyle numbers) {
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        double bottom = TOP + plotH;
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(f(plotW))
                .append("\" height=\"").append(f(plotH)).append("\" fill=\"none\" stroke=\"").append(GREY)
                .append("\"/>\n");
        for (int i = 0; i <= 5; i++) {
            double fx = LEFT + plotW * i / 5;
            double fy = bottom - plotH * i / 5;
            s.append("<line x1=\"").append(f(fx)).append("\" y1=\"").append(f(bottom)).append("\" x2=\"")
                    .append(f(fx)).append("\" y2=\"").append(f(bottom + 4)).append("\" stroke=\"").append(GREY)
                    .append("\"/>\n");
            text(s, fx, bottom + 17, "middle", "#000000", tick(xMin + (xMax - xMin) * i / 5, numbers));
            s.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(f(fy)).append("\" x2=\"")
                    .append(f(LEFT + plotW)).append("\" y2=\"").append(f(fy)).append("\" stroke=\"#d9d9d9\"/>\n");
            text(s, LEFT - 7, fy + 4, "end", "#000000", tick(yMin + (yMax - yMin) * i / 5, numbers));
        }
        text(s, LEFT + plotW / 2, height - 8, "middle", "#000000", xLabel);
        s.append("<text x=\"14\" y=\"").append(f(TOP + plotH / 2)).append("\" font-family=\"Helvetica, Arial,"
                        + " sans-serif\" font-size=\"12\" text-anchor=\"middle\" fill=\"#000000\" transform=\"rotate(-90 14 ")
                .append(f(TOP + plotH / 2)).append(")\">").append(Xhtml.escape(yLabel)).append("</text>\n");
    }

    private static void text(StringBuilder s, double x, double y, String anchor, String colour, String text) {
        s.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" text-anchor=\"")
                .append(anchor).append("\" fill=\"").append(colour).append("\">").append(Xhtml.escape(text))
                .append("</text>\n");
    }

    private static String tick(double value, NumberStyle numbers) {
        double a = Math.abs(value);
        return a >= 100 ? numbers.whole(value) : numbers.number(value, a >= 10 ? 0 : 2);
    }

    private static String shorten(String label, int max) {
        return label.length() <= max ? label : label.substring(0, max - 3) + "...";
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
