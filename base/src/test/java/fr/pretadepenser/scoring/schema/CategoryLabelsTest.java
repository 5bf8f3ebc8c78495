package fr.pretadepenser.scoring.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoryLabelsTest {

    private final CategoryLabels labels = CategoryLabels.load();

    @Test
    void labelsEveryCategoryTheSchemaListsInBothLanguages() {
        List<String> missing = new ArrayList<>();
        List<String> blank = new ArrayList<>();
        int checked = 0;
        for (Table table : HomeCreditSchema.load().tables()) {
            // The labels name both application tables "application", as the feature SQL does.
            String name = table.name().startsWith(HomeCreditSchema.APPLICATION + "_") ? HomeCreditSchema.APPLICATION
                    : table.name();
            for (Column column : table.columns()) {
                for (String value : column.categories()) {
                    checked++;
                    String where = name + "." + column.name() + " = " + value;
                    if (!labels.listed(name, column.name(), value)) {
                        missing.add(where);
                    } else if (labels.french(name, column.name(), value).isBlank()
                            || labels.english(name, column.name(), value).isBlank()) {
                        blank.add(where);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "values without labels");
        assertEquals(List.of(), blank, "blank labels");
        assertTrue(checked > 400, "checked " + checked);
    }

    @Test
    void writesTheAdvisorsWords() {
        assertEquals("Salarié", labels.french("application", "NAME_INCOME_TYPE", "Working"));
        assertEquals("Working", labels.english("application", "NAME_INCOME_TYPE", "Working"));
        assertEquals("Marié(e)", labels.french("application", "NAME_FAMILY_STATUS", "Married"));
        assertEquals("Secondaire / secondaire spécialisé",
                labels.french("application", "NAME_EDUCATION_TYPE", "Secondary / secondary special"));
        assertEquals("Oui", labels.french("application", "FLAG_OWN_CAR", "Y"));
        assertEquals("Lundi", labels.french("previous_application", "WEEKDAY_APPR_PROCESS_START", "MONDAY"));
        // The same value may read differently by column: a bureau credit is "en cours", a POS contract "actif".
        assertEquals("En cours", labels.french("bureau", "CREDIT_ACTIVE", "Active"));
        assertEquals("Actif", labels.french("POS_CASH_balance", "NAME_CONTRACT_STATUS", "Active"));
    }

    @Test
    void anUnknownValueReadsAsItself() {
        assertFalse(labels.listed("application", "NAME_INCOME_TYPE", "Astronaut"));
        assertEquals("Astronaut", labels.french("application", "NAME_INCOME_TYPE", "Astronaut"));
        assertEquals("Astronaut", labels.english("application", "NAME_INCOME_TYPE", "Astronaut"));
        assertEquals("Working", labels.french("nowhere", "NAME_INCOME_TYPE", "Working"));
    }
}
