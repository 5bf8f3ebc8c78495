package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.Table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the rows of one table in the schema's column order. Structural code sets the columns it decides
 * ({@code set*}); every column left unset is drawn from its real marginal when the row is emitted. Columns may share
 * a missingness draw (so that they are empty together) and a value draw (so that they move together), by group.
 * Categories the {@link CategoryCoverage} places are handed in with {@link #addDue}: each is written on the next row
 * where its column holds a value, drawn columns by {@link #emit}, structural ones where their code asks
 * ({@link #due}, {@link #pick}). One instance per thread: it keeps the row being built.
 */
final class RowWriter {

    private static final byte UNSET = 0;
    private static final byte LONG = 1;
    private static final byte DECIMAL = 2;
    private static final byte TEXT = 3;
    private static final byte EMPTY = 4;
    private static final byte AT_QUANTILE = 5;

    private final Table table;
    private final ColumnProfile[] profiles;
    private final boolean[] integer;
    private final byte[] state;
    private final long[] longs;
    private final double[] doubles;
    private final int[] decimals;
    private final byte[][] texts;
    private final int[] missingGroup;
    private final int[] valueGroup;
    /** Per column, the profile indices of the categories waiting to be placed, as a bit set. */
    private final long[] dueCategories;
    private double[] groupMissing = new double[0];
    private double[] groupValue = new double[0];

    RowWriter(Table table, MarginalProfile profile, String profileTable) {
        this.table = table;
        List<Column> columns = table.columns();
        int n = columns.size();
        profiles = new ColumnProfile[n];
        integer = new boolean[n];
        for (int i = 0; i < n; i++) {
            profiles[i] = profile.find(profileTable, columns.get(i).name());
            integer[i] = columns.get(i).type() == ColumnType.INTEGER;
        }
        state = new byte[n];
        longs = new long[n];
        doubles = new double[n];
        decimals = new int[n];
        texts = new byte[n][];
        missingGroup = new int[n];
        valueGroup = new int[n];
        Arrays.fill(missingGroup, -1);
        Arrays.fill(valueGroup, -1);
        dueCategories = new long[n];
    }

    /** The table this writer writes. */
    Table table() {
        return table;
    }

    /** Index of a column of this table; a wrong name is a bug. */
    int column(String name) {
        List<String> header = table.header();
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + name);
        }
        return i;
    }

    /** The real marginal of a column, for structural code that draws it with a chosen (correlated) uniform. */
    ColumnProfile profile(int column) {
        return profiles[column];
    }

    /** Puts columns in a group that is empty or present together (nested by their missing shares). */
    void shareMissingness(int column, int group) {
        missingGroup[column] = group;
        groupMissing = new double[Math.max(groupMissing.length, group + 1)];
    }

    /** Puts columns in a group drawn at the same quantile, so that their values move together. */
    void shareValue(int column, int group) {
        valueGroup[column] = group;
        groupValue = new double[Math.max(groupValue.length, group + 1)];
    }

    void setLong(int column, long value) {
        state[column] = LONG;
        longs[column] = value;
    }

    /** A decimal rounded to the column's real number of decimals. */
    void setDecimal(int column, double value) {
        setDecimal(column, value, profiles[column] == null ? 2 : profiles[column].decimals());
    }

    void setDecimal(int column, double value, int places) {
        state[column] = DECIMAL;
        doubles[column] = value;
        decimals[column] = places;
    }

    void setText(int column, byte[] value) {
        state[column] = TEXT;
        texts[column] = value;
    }

    void setText(int column, String value) {
        setText(column, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Draws the column from its marginal at quantile {@code u} (still empty with its real missing share). */
    void drawAt(int column, double u) {
        state[column] = AT_QUANTILE;
        doubles[column] = u;
    }

    void setEmpty(int column) {
        state[column] = EMPTY;
    }

    /** Asks for category {@code category} (a profile index, below 64) on a coming row of {@code column}. */
    void addDue(int column, int category) {
        if (category < 0 || category >= Long.SIZE) {
            throw new IllegalArgumentException("category index " + category + " of " + table.name() + '.'
                    + table.header().get(column) + " is outside 0-63");
        }
        dueCategories[column] |= 1L << category;
    }

    /** The first category waiting to be placed in {@code column}, or -1; it stays due until {@link #placed}. */
    int due(int column) {
        long due = dueCategories[column];
        return due == 0 ? -1 : Long.numberOfTrailingZeros(due);
    }

    /** Records that category {@code category} has been written in {@code column}. */
    void placed(int column, int category) {
        dueCategories[column] &= ~(1L << category);
    }

    /** The first category waiting to be placed in {@code column}, now placed (the caller writes it), or -1. */
    int takeDue(int column) {
        int due = due(column);
        if (due >= 0) {
            placed(column, due);
        }
        return due;
    }

    /** A category of a structural column: the first due one if any (then placed), else drawn at {@code u}. */
    int pick(int column, double u) {
        int due = takeDue(column);
        return due >= 0 ? due : profiles[column].draw(u);
    }

    /** As {@link #pick}, among every category but {@code excluded} (which stays due if it is). */
    int pickOtherThan(int column, int excluded, double u) {
        long due = excluded < 0 ? dueCategories[column] : dueCategories[column] & ~(1L << excluded);
        if (due != 0) {
            int category = Long.numberOfTrailingZeros(due);
            placed(column, category);
            return category;
        }
        return profiles[column].drawOtherThan(excluded, u);
    }

    /** Writes the header line. */
    void writeHeader(CsvBuffer out) {
        List<String> header = table.header();
        for (int i = 0; i < header.size(); i++) {
            if (i > 0) {
                out.comma();
            }
            out.append(header.get(i).getBytes(StandardCharsets.UTF_8));
        }
        out.endHeader();
    }

    /** Writes the row (drawing every unset column from its marginal) and clears it for the next one. */
    void emit(CsvBuffer out, SplittableRandom random) {
        for (int g = 0; g < groupMissing.length; g++) {
            groupMissing[g] = random.nextDouble();
        }
        for (int g = 0; g < groupValue.length; g++) {
            groupValue[g] = random.nextDouble();
        }
        for (int i = 0; i < state.length; i++) {
            if (i > 0) {
                out.comma();
            }
            switch (state[i]) {
                case LONG -> out.appendLong(longs[i]);
                case DECIMAL -> out.appendDecimal(doubles[i], decimals[i]);
                case TEXT -> out.append(texts[i]);
                case EMPTY -> { }
                case AT_QUANTILE -> drawFromMarginal(out, i, doubles[i], random);
                default -> drawFromMarginal(out, i, Double.NaN, random);
            }
            state[i] = UNSET;
        }
        out.endRow();
    }

    /** Draws column {@code i} from its marginal, at quantile {@code at} unless it is NaN. */
    private void drawFromMarginal(CsvBuffer out, int i, double at, SplittableRandom random) {
        ColumnProfile p = profiles[i];
        if (p == null) {
            throw new IllegalStateException("column " + table.name() + '.' + table.header().get(i)
                    + " is structural but was not set");
        }
        double missing = missingGroup[i] >= 0 ? groupMissing[missingGroup[i]] : random.nextDouble();
        if (missing < p.missingShare()) {
            return;
        }
        int due = takeDue(i);
        if (due >= 0) {
            out.append(p.value(due));
            return;
        }
        double u = !Double.isNaN(at) ? at : valueGroup[i] >= 0 ? groupValue[valueGroup[i]] : random.nextDouble();
        p.write(out, u, integer[i]);
    }
}
