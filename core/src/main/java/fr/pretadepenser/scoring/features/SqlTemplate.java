package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the macros of the feature SQL files into plain SQL of one dialect, and records where each column a
 * macro makes comes from. The macros only write out what depends on the data or the schema; the logic of every
 * feature stays readable SQL in the files.
 *
 * <ul>
 *   <li>{@code {{define NAME: SPEC, ...}}}: names a list of aggregation specs (expands to nothing).</li>
 *   <li>{@code {{aggregate GROUP PREFIX: SPEC, ...}}}: one aggregate per column and function, named
 *       {@code PREFIX + COLUMN + "_" + FUNCTION} ({@code -} for no prefix). A SPEC is {@code COLUMNS FN FN...} with
 *       COLUMNS a column, {@code numeric(TABLE)}, {@code onehot(TABLE.COLUMN|* [nan])} optionally followed by a
 *       suffix such as {@code _MEAN}, or a defined NAME. FN is MIN, MAX, MEAN, SUM (0 over only missing values),
 *       VAR (sample variance), SIZE (rows) or NUNIQUE (distinct non-missing values).</li>
 *   <li>{@code {{onehot TABLE.COLUMN|* [nan] [except C ...]}}}: one 0/1 column {@code COLUMN_category} per category
 *       of the vocabulary (every text column of the table for {@code *}); {@code nan} adds {@code COLUMN_nan}.</li>
 *   <li>{@code {{numeric TABLE [except C ...]}}}: the table's numeric attribute columns, as they are.</li>
 *   <li>{@code {{codes COLUMN}}}: the column's category as its index in the vocabulary (binary columns).</li>
 *   <li>{@code {{columns GROUP ALIAS [except C ...]}}} and {@code {{features GROUP ALIAS [except C ...]}}}: the
 *       columns an aggregate or an earlier file produced, qualified by ALIAS; {@code features} casts them to
 *       DOUBLE for the final table.</li>
 * </ul>
 *
 * <p>Public so that another engine (the Spark module) runs the very same files: it expands each file of
 * {@link FeatureFiles} in order with one template, puts each result's column names into {@code groups} under the
 * file's name, and asks {@link #origin} where each column comes from to build the same manifest.
 */
public final class SqlTemplate {

    private static final Pattern MACRO = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern SPEC = Pattern.compile(
            "(onehot\\([^)]*\\)\\w*|numeric\\([^)]*\\)|[A-Za-z_][A-Za-z0-9_]*)((?:\\s+[A-Z]+)*)");
    private static final Set<String> FUNCTIONS = Set.of("MIN", "MAX", "MEAN", "SUM", "VAR", "SIZE", "NUNIQUE");

    private final HomeCreditSchema schema;
    private final Vocabularies vocabularies;
    private final Dialect dialect;
    private final Map<String, List<String>> groups;
    private final Map<String, String> definitions = new HashMap<>();
    private final Map<String, Feature> origins = new LinkedHashMap<>();
    private String defaultTable;

    /**
     * A template for one build; keep it for all the files of the build, as {@link #origin} reads what the last
     * expansion recorded.
     *
     * @param groups column lists of earlier files by file name, and where aggregates of this file are added
     */
    public SqlTemplate(HomeCreditSchema schema, Vocabularies vocabularies, Dialect dialect, Map<String, List<String>> groups) {
        this.schema = schema;
        this.vocabularies = vocabularies;
        this.dialect = dialect;
        this.groups = groups;
    }

    /**
     * Expands a file; {@code table} is the relation its plain columns come from (e.g. {@code bureau}), null for the
     * join. Throws {@link IllegalArgumentException} for a bad macro.
     */
    public String expand(String template, String table) {
        this.defaultTable = table;
        // Names are only meaningful within one file: AMT_ANNUITY is an application column in one file and a
        // previous application's in another.
        origins.clear();
        definitions.clear();
        Matcher m = MACRO.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1).trim())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Where a column made by a macro comes from, or where a plain column of the file's table comes from. */
    public Feature origin(String column) {
        Feature known = origins.get(column);
        return known != null ? new Feature(column, known.table(), known.variable())
                : new Feature(column, defaultTable, column);
    }

    private String macro(String text) {
        String[] words = text.split("\\s+", 2);
        String args = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case "define" -> define(args);
            case "aggregate" -> aggregate(args);
            case "onehot" -> String.join(",\n    ", onehot(args, true));
            case "numeric" -> String.join(", ", numeric(args, true));
            case "codes" -> codes(args.trim());
            case "columns" -> columns(args, false);
            case "features" -> columns(args, true);
            default -> throw new IllegalArgumentException("unknown feature SQL macro {{" + text + "}}");
        };
    }

    private String define(String args) {
        int colon = args.indexOf(':');
        definitions.put(args.substring(0, colon).trim(), args.substring(colon + 1).trim());
        return "";
    }

    private String aggregate(String args) {
        int colon = args.indexOf(':');
        String[] head = args.substring(0, colon).trim().split("\\s+");
        String group = head[0];
        String prefix = head[1].equals("-") ? "" : head[1];
        List<String> expressions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String spec : specs(args.substring(colon + 1))) {
            Matcher m = SPEC.matcher(spec);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad aggregation spec '" + spec + "' in {{aggregate " + args + "}}");
            }
            List<String> functions = Arrays.stream(m.group(2).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            for (String column : columnSet(m.group(1))) {
                for (String function : functions) {
                    String name = prefix + column + "_" + function;
                    expressions.add(aggregateSql(function, column) + " AS " + dialect.identifier(name));
                    names.add(name);
                    Feature source = origin(column);
                    origins.put(name, new Feature(name, source.table(), source.variable()));
                }
            }
        }
        groups.put(group, List.copyOf(names));
        return String.join(",\n           ", expressions);
    }

    /** The specs of an aggregate, with defined names replaced by their own specs. */
    private List<String> specs(String text) {
        List<String> result = new ArrayList<>();
        for (String part : text.split(",")) {
            String spec = part.trim().replaceAll("\\s+", " ");
            if (definitions.containsKey(spec)) {
                result.addAll(specs(definitions.get(spec)));
            } else if (!spec.isEmpty()) {
                result.add(spec);
            }
        }
        return result;
    }

    private List<String> columnSet(String token) {
        if (token.startsWith("onehot(")) {
            int close = token.indexOf(')');
            String suffix = token.substring(close + 1);
            return onehot(token.substring("onehot(".length(), close), false).stream().map(c -> c + suffix).toList();
        }
        if (token.startsWith("numeric(")) {
            return numeric(token.substring("numeric(".length(), token.indexOf(')')), false);
        }
        return List.of(token);
    }

    private String aggregateSql(String function, String column) {
        String c = dialect.identifier(column);
        return switch (function) {
            case "MIN" -> "MIN(" + c + ")";
            case "MAX" -> "MAX(" + c + ")";
            case "MEAN" -> "AVG(" + c + ")";
            // pandas sums only missing values to 0; SQL gives NULL.
            case "SUM" -> "COALESCE(SUM(" + c + "), 0)";
            case "VAR" -> "VAR_SAMP(" + c + ")";
            case "SIZE" -> "COUNT(*)";
            case "NUNIQUE" -> "COUNT(DISTINCT " + c + ")";
            default -> throw new IllegalArgumentException("unknown aggregation " + function + "; known: " + FUNCTIONS);
        };
    }

    /** One-hot columns (as SELECT items when {@code asSql}, else their names), recording their origin. */
    private List<String> onehot(String args, boolean asSql) {
        String[] words = args.trim().split("\\s+");
        String table = words[0].substring(0, words[0].indexOf('.'));
        String which = words[0].substring(words[0].indexOf('.') + 1);
        boolean nan = List.of(words).contains("nan");
        List<String> except = except(words);
        List<String> columns = which.equals("*")
                ? attributes(table).stream().filter(c -> c.type() == ColumnType.TEXT).map(Column::name)
                        .filter(c -> !except.contains(c)).toList()
                : List.of(which);
        List<String> items = new ArrayList<>();
        for (String column : columns) {
            String c = dialect.identifier(column);
            List<String> categories = new ArrayList<>(vocabularies.of(table, column));
            for (String category : categories) {
                String name = column + "_" + category;
                origins.put(name, new Feature(name, table, column));
                items.add(asSql ? "CASE WHEN " + c + " = " + dialect.literal(category) + " THEN 1 ELSE 0 END AS "
                        + dialect.identifier(name) : name);
            }
            if (nan) {
                String name = column + "_nan";
                origins.put(name, new Feature(name, table, column));
                items.add(asSql ? "CASE WHEN " + c + " IS NULL THEN 1 ELSE 0 END AS " + dialect.identifier(name) : name);
            }
        }
        return items;
    }

    private List<String> numeric(String args, boolean asSql) {
        String[] words = args.trim().split("\\s+");
        String table = words[0];
        List<String> except = except(words);
        List<String> names = new ArrayList<>();
        for (Column column : attributes(table)) {
            if (column.type() != ColumnType.TEXT && !except.contains(column.name())) {
                origins.put(column.name(), new Feature(column.name(), table, column.name()));
                names.add(asSql ? dialect.identifier(column.name()) : column.name());
            }
        }
        return names;
    }

    private String codes(String column) {
        StringBuilder sql = new StringBuilder("CASE");
        List<String> categories = vocabularies.of(defaultTable, column);
        for (int i = 0; i < categories.size(); i++) {
            sql.append(" WHEN ").append(dialect.identifier(column)).append(" = ")
                    .append(dialect.literal(categories.get(i))).append(" THEN ").append(i);
        }
        origins.put(column, new Feature(column, defaultTable, column));
        return sql.append(" END AS ").append(dialect.identifier(column)).toString();
    }

    private String columns(String args, boolean asDouble) {
        String[] words = args.trim().split("\\s+");
        List<String> names = groups.get(words[0]);
        if (names == null) {
            throw new IllegalStateException("feature SQL refers to {{columns " + words[0] + "}} before it is built");
        }
        List<String> except = except(words);
        List<String> items = new ArrayList<>();
        for (String name : names) {
            if (!except.contains(name)) {
                String ref = words[1] + "." + dialect.identifier(name);
                items.add(asDouble ? "CAST(" + ref + " AS DOUBLE) AS " + dialect.identifier(name) : ref);
            }
        }
        return String.join(", ", items);
    }

    private static List<String> except(String[] words) {
        List<String> list = List.of(words);
        int at = list.indexOf("except");
        return at < 0 ? List.of() : list.subList(at + 1, list.size());
    }

    /** Attribute columns of a relation; {@code application} reads application_train's schema. */
    private List<Column> attributes(String relation) {
        Table table = schema.table(relation.equals(FeatureFiles.APPLICATION) ? HomeCreditSchema.APPLICATION_TRAIN
                : relation);
        return table.columns().stream().filter(c -> c.role() == KeyRole.ATTRIBUTE).toList();
    }
}
