package fr.pretadepenser.scoring.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The single description of the Home Credit files, read from {@code homecredit-schema.json} beside this class.
 *
 * <p>The resource is built by {@code tools/build-schema.py} from Kaggle's headers and column descriptions;
 * every part of the project that needs a column's name, order, type or meaning reads it from here.
 *
 * @param tables the eight tables, applications first, in the order they are usually loaded
 */
public record HomeCreditSchema(List<Table> tables) {

    /**
     * The relation of all applications, application_train and application_test together, as the feature SQL, the
     * request checks and the model's vocabularies name the application's columns ({@code application.COLUMN}).
     */
    public static final String APPLICATION = "application";

    /** Names of the tables, as constants so that code that joins them reads plainly. */
    public static final String APPLICATION_TRAIN = "application_train";
    public static final String APPLICATION_TEST = "application_test";
    public static final String BUREAU = "bureau";
    public static final String BUREAU_BALANCE = "bureau_balance";
    public static final String PREVIOUS_APPLICATION = "previous_application";
    public static final String POS_CASH_BALANCE = "POS_CASH_balance";
    public static final String INSTALLMENTS_PAYMENTS = "installments_payments";
    public static final String CREDIT_CARD_BALANCE = "credit_card_balance";

    private static final String RESOURCE = "homecredit-schema.json";
    private static final HomeCreditSchema INSTANCE = read();

    /** Copies the table list so that the published schema cannot change. */
    public HomeCreditSchema {
        tables = List.copyOf(tables);
    }

    /** The schema shipped with the project (loaded once; it is immutable). */
    public static HomeCreditSchema load() {
        return INSTANCE;
    }

    /** The table of that name; throws {@link NoSuchElementException} listing the known tables if absent. */
    public Table table(String name) {
        return findTable(name).orElseThrow(() -> new NoSuchElementException(
                "no Home Credit table named " + name + "; known tables: " + tableNames()));
    }

    /** The table of that name, if any. */
    public Optional<Table> findTable(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The table names in schema order. */
    public List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }

    private static List<String> categories(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static HomeCreditSchema read() {
        try (InputStream in = HomeCreditSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Table> tables = new ArrayList<>();
            for (JsonNode t : root.get("tables")) {
                List<Column> columns = new ArrayList<>();
                for (JsonNode c : t.get("columns")) {
                    columns.add(new Column(
                            c.get("name").asText(),
                            ColumnType.valueOf(c.get("type").asText().toUpperCase(Locale.ROOT)),
                            c.get("nullable").asBoolean(),
                            KeyRole.valueOf(c.get("role").asText().toUpperCase(Locale.ROOT)),
                            c.hasNonNull("references") ? c.get("references").asText() : null,
                            c.path("description").asText(""),
                            c.path("note").asText(""),
                            categories(c.path("categories"))));
                }
                tables.add(new Table(t.get("name").asText(), t.get("file").asText(), t.get("required").asBoolean(),
                        t.get("description").asText(), columns));
            }
            return new HomeCreditSchema(tables);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
