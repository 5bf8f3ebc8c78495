package fr.pretadepenser.scoring.data;

import java.util.OptionalLong;

/**
 * Input data that does not match the Home Credit schema: a missing file, a missing column, a value of the wrong
 * type, a duplicate key. The message names the file, line, column, what was expected and what was found,
 * so the user can fix the file without reading code.
 */
public final class InvalidDataException extends RuntimeException {

    private final String file;
    private final long line;
    private final String column;

    private InvalidDataException(String file, long line, String column, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /**
     * A bad value (or a problem with one line).
     *
     * @param file     the file name as the user knows it, e.g. {@code application_train.csv}
     * @param line     the 1-based line in the file (the header is line 1)
     * @param column   the column name, or null when the whole line is wrong
     * @param expected what the schema expects, e.g. "a whole number"
     * @param found    what the file holds there (printed quoted), or null for nothing to show
     */
    public static InvalidDataException atLine(String file, long line, String column, String expected, String found) {
        StringBuilder m = new StringBuilder(file).append(", line ").append(line);
        if (column != null) {
            m.append(", column ").append(column);
        }
        m.append(": expected ").append(expected);
        if (found != null) {
            m.append(", found \"").append(found).append('"');
        }
        return new InvalidDataException(file, line, column, m.toString());
    }

    /** A problem with a whole file (missing, unreadable), not with one line. */
    public static InvalidDataException forFile(String file, String problem) {
        return new InvalidDataException(file, 0, null, file + ": " + problem);
    }

    /** The file at fault, as named in the message. */
    public String file() {
        return file;
    }

    /** The 1-based line at fault, if the problem is on one line. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /** The column at fault, or null. */
    public String column() {
        return column;
    }
}
