package fr.pretadepenser.scoring.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HomeCreditSchemaTest {

    private final HomeCreditSchema schema = HomeCreditSchema.load();

    @Test
    void describesTheEightKaggleFilesWithTheirRealColumnCounts() {
        Map<String, Integer> expected = Map.of("application_train", 122, "application_test", 121, "bureau", 17,
                "bureau_balance", 3, "previous_application", 37, "POS_CASH_balance", 8,
                "installments_payments", 8, "credit_card_balance", 23);
        assertEquals(List.of("application_train", "application_test", "bureau", "bureau_balance",
                "previous_application", "POS_CASH_balance", "installments_payments", "credit_card_balance"),
                schema.tableNames());
        expected.forEach((table, count) -> assertEquals(count, schema.table(table).columns().size(), table));
    }

    @Test
    void keepsTheRealHeaderOrder() {
        List<String> train = schema.table("application_train").header();
        assertEquals(List.of("SK_ID_CURR", "TARGET", "NAME_CONTRACT_TYPE", "CODE_GENDER"), train.subList(0, 4));
        assertEquals("AMT_REQ_CREDIT_BUREAU_YEAR", train.get(train.size() - 1));
        assertEquals(List.of("SK_ID_BUREAU", "MONTHS_BALANCE", "STATUS"), schema.table("bureau_balance").header());
        assertEquals(List.of("SK_ID_PREV", "SK_ID_CURR", "NUM_INSTALMENT_VERSION", "NUM_INSTALMENT_NUMBER",
                "DAYS_INSTALMENT", "DAYS_ENTRY_PAYMENT", "AMT_INSTALMENT", "AMT_PAYMENT"),
                schema.table("installments_payments").header());
    }

    @Test
    void applicationTestIsApplicationTrainWithoutTarget() {
        List<String> train = new ArrayList<>(schema.table("application_train").header());
        train.remove("TARGET");
        assertEquals(train, schema.table("application_test").header());
    }

    @Test
    void typesColumnsAsKaggleStoresThem() {
        Table train = schema.table("application_train");
        assertEquals(ColumnType.INTEGER, train.column("DAYS_BIRTH").type());
        assertEquals(ColumnType.DECIMAL, train.column("AMT_CREDIT").type());
        assertEquals(ColumnType.DECIMAL, train.column("CNT_FAM_MEMBERS").type());
        assertEquals(ColumnType.TEXT, train.column("NAME_INCOME_TYPE").type());
        assertEquals(ColumnType.TEXT, schema.table("bureau_balance").column("STATUS").type());
        assertTrue(train.column("EXT_SOURCE_1").nullable());
        assertFalse(train.column("NAME_CONTRACT_TYPE").nullable());
        assertFalse(train.column("DAYS_EMPLOYED").nullable());
    }

    @Test
    void everyForeignKeyPointsAtAPrimaryKey() {
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                if (column.role() != KeyRole.FOREIGN_KEY) {
                    continue;
                }
                String[] target = column.references().split("\\.");
                String parent = target[0].equals("application") ? "application_train" : target[0];
                assertEquals(KeyRole.PRIMARY_KEY, schema.table(parent).column(target[1]).role(),
                        table.name() + "." + column.name());
            }
        }
        assertEquals("previous_application.SK_ID_PREV",
                schema.table("credit_card_balance").column("SK_ID_PREV").references());
    }

    @Test
    void givesEveryColumnKagglesDescription() {
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                assertFalse(column.description().isBlank(), table.name() + "." + column.name());
            }
        }
        assertEquals("Client's age in days at the time of application",
                schema.table("application_train").column("DAYS_BIRTH").description());
    }

    @Test
    void listsEveryCategoryOfTheRealFilesRareOnesIncluded() {
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                assertEquals(column.type() == ColumnType.TEXT, !column.categories().isEmpty(),
                        table.name() + "." + column.name());
            }
        }
        assertEquals(List.of("Active", "Amortized debt", "Approved", "Canceled", "Completed", "Demand",
                        "Returned to the store", "Signed", "XNA"),
                schema.table("POS_CASH_balance").column("NAME_CONTRACT_STATUS").categories());
        assertTrue(schema.table("previous_application").column("NAME_SELLER_INDUSTRY").isCategory("Tourism"));
        assertTrue(schema.table("previous_application").column("CODE_REJECT_REASON").isCategory("SYSTEM"));
        assertTrue(schema.table("application_train").column("CODE_GENDER").isCategory("XNA"));
        assertEquals(58, schema.table("application_train").column("ORGANIZATION_TYPE").categories().size());
        assertEquals(schema.table("application_train").column("NAME_INCOME_TYPE").categories(),
                schema.table("application_test").column("NAME_INCOME_TYPE").categories());
        assertFalse(schema.table("application_train").column("AMT_CREDIT").isCategory("1"));
    }

    @Test
    void namesTheKnownTablesWhenAskedForAnUnknownOne() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> schema.table("bureaux"));
        assertEquals("no Home Credit table named bureaux; known tables: [application_train, application_test, bureau,"
                + " bureau_balance, previous_application, POS_CASH_balance, installments_payments, credit_card_balance]",
                e.getMessage());
    }
}
