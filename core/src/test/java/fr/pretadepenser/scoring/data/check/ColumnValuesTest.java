package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.ScoringWarning;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static fr.pretadepenser.scoring.data.check.ApplicationAssertions.accepts;
import static fr.pretadepenser.scoring.data.check.ApplicationAssertions.problemsWith;
import static fr.pretadepenser.scoring.data.check.ApplicationAssertions.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The value of each column: its type as the schema says, and for text, a category of the model. */
class ColumnValuesTest {

    @Nested
    class Types {

        @Test
        void integerColumnsTakeWholeNumbersEvenWithADecimalPoint() {
            accepts("CNT_CHILDREN", 2.0);
            accepts("CNT_CHILDREN", (short) 2);
            accepts("CNT_CHILDREN", new BigDecimal("2.000"));
            refuses("CNT_CHILDREN", 1.5, "expected a whole number, got 1.5");
            refuses("CNT_CHILDREN", new BigDecimal("1.0001"), "expected a whole number, got 1.0001");
        }

        @Test
        void decimalColumnsTakeAnyNumber() {
            accepts("AMT_CREDIT", 406597);
            accepts("AMT_CREDIT", 406597.5f);
            accepts("AMT_CREDIT", new BigDecimal("406597.55"));
            accepts("AMT_CREDIT", BigInteger.valueOf(406597));
        }

        @Test
        void textColumnsTakeText() {
            refuses("NAME_TYPE_SUITE", 1, "expected text, got 1");
        }

        @Test
        void refusesBooleansObjectsAndLists() {
            refuses("FLAG_OWN_CAR", true, "expected text, got a boolean (true)");
            refuses("AMT_CREDIT", false, "expected a number, got a boolean (false)");
            refuses("AMT_CREDIT", Map.of("value", 1), "expected a number, got an object");
            refuses("AMT_CREDIT", List.of(1), "expected a number, got a list");
        }

        @Test
        void refusesNumbersSentAsText() {
            refuses("AMT_CREDIT", "12", "expected a number, got text \"12\"");
            refuses("AMT_CREDIT", "NaN", "expected a number, got text \"NaN\"");
        }

        @Test
        void refusesNumbersThatAreNotFinite() {
            refuses("AMT_CREDIT", Double.NaN, "expected a finite number, got NaN");
            refuses("AMT_CREDIT", Double.NEGATIVE_INFINITY, "expected a finite number, got -Infinity");
            refuses("CNT_CHILDREN", Float.POSITIVE_INFINITY, "expected a finite number, got Infinity");
        }

        @Test
        void refusesNumbersLargerThan1e15() {
            accepts("AMT_CREDIT", 1e15);
            refuses("AMT_CREDIT", 1.0000001e15, "expected a number between -1e15 and 1e15, got 1.0000001E15");
            refuses("CNT_CHILDREN", BigInteger.TEN.pow(30),
                    "expected a number between -1e15 and 1e15, got 1000000000000000000000000000000");
            refuses("DAYS_BIRTH", new BigDecimal("-1E+999999999"),
                    "expected a number between -1e15 and 1e15, got -1E+999999999");
        }

        @Test
        void refusesNumberTypesNoJsonParserMakes() {
            refuses("AMT_CREDIT", new AtomicLong(5), "expected a number, got 5");
            refuses("AMT_CREDIT", 'x', "expected a number, got a Character");
        }

        @Test
        void cutsLongTextInMessages() {
            refuses("AMT_CREDIT", "x".repeat(1_000_000),
                    "expected a number, got text \"" + "x".repeat(60) + "... (1000000 characters)\"");
        }
    }

    @Nested
    class Categories {

        @Test
        void acceptsACategoryOfTheVocabulary() {
            accepts("CODE_GENDER", "XNA");
            accepts("FLAG_OWN_CAR", "Y");
        }

        @Test
        void refusesOtherCategoriesListingTheAllowedOnesSorted() {
            refuses("FLAG_OWN_CAR", "yes", "unknown category 'yes'; allowed: N, Y");
            refuses("NAME_INCOME_TYPE", "Robot", "unknown category 'Robot'; allowed: Businessman, Commercial"
                    + " associate, Maternity leave, Pensioner, State servant, Student, Unemployed, Working");
        }

        @Test
        void suggestsTheCategoryMeantInOtherCase() {
            refuses("NAME_INCOME_TYPE", "state servant", "unknown category 'state servant' (did you mean 'State"
                    + " servant'?); allowed: Businessman, Commercial associate, Maternity leave, Pensioner, State"
                    + " servant, Student, Unemployed, Working");
        }

        @Test
        void listsTwentyOfAVeryLongVocabulary() {
            String problem = problemsWith("ORGANIZATION_TYPE", "Robotics").get(0).problem();
            assertTrue(problem.startsWith("unknown category 'Robotics'; allowed: Advertising, Agriculture, Bank,"
                    + " Business Entity Type 1, "), problem);
            assertTrue(problem.endsWith(", ... (58 in all)"), problem);
            assertEquals(20, problem.substring(problem.indexOf("allowed: ")).split(", ").length - 1);
        }

        @Test
        void refusesTypedTextOutsideTheKaggleCategoriesEvenWhereTheModelHasNoVocabulary() {
            // The categories an advisor may type are the Kaggle files', whatever the model saw.
            refuses("NAME_TYPE_SUITE", "Anybody", "unknown category 'Anybody'; allowed: Children, Family, Group of"
                    + " people, Other_A, Other_B, Spouse, partner, Unaccompanied");
            refuses("EMERGENCYSTATE_MODE", "Maybe", "unknown category 'Maybe'; allowed: No, Yes");
        }

        @Test
        void acceptsAKaggleCategoryTheModelNeverSawWithAWarning() {
            accepts("NAME_TYPE_SUITE", "Other_B");
            // An empty vocabulary: training saw no value of the column, so every value is one it never saw.
            Map<String, Object> application = Requests.application();
            application.put("EMERGENCYSTATE_MODE", "Yes");
            assertEquals(List.of(new ScoringWarning(ScoringWarning.Kind.UNSEEN_CATEGORY, "application",
                    "EMERGENCYSTATE_MODE", "Yes", 1)), Requests.CHECK.check(application, null, "").warnings());
        }
    }
}
