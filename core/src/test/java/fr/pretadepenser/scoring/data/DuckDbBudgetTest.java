package fr.pretadepenser.scoring.data;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DuckDbBudgetTest {

    @Test
    void readsSizesAsUsersWriteThem() {
        assertEquals(3L << 30, DuckDbBudget.parse("3GiB").processBytes());
        assertEquals(3L << 30, DuckDbBudget.parse("3G").processBytes());
        assertEquals(2500L << 20, DuckDbBudget.parse("2500MiB").processBytes());
        assertEquals(5L << 29, DuckDbBudget.parse("2.5GB").processBytes());
        assertEquals(1L << 40, DuckDbBudget.parse(" 1 TiB ").processBytes());
    }

    @Test
    void refusesWhatIsNoSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DuckDbBudget.parse("lots"));
        assertEquals("expected a size such as 3GiB or 2500MiB, found 'lots'", e.getMessage());
    }

    @Test
    void refusesABudgetTooSmallToBuildTheFeatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DuckDbBudget.parse("1536MiB"));
        assertEquals("a memory budget of 1536MiB is too small: give at least 2GiB", e.getMessage());
    }

    @Test
    void leavesRoomForTheJvmAndSetsTheRestAsDuckDbsMemoryLimit() throws Exception {
        DuckDbBudget budget = DuckDbBudget.parse("3GiB");
        assertEquals((3L << 30) - (512L << 20), budget.duckDbBytes());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            budget.apply(connection);
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT current_setting('memory_limit')")) {
                r.next();
                assertEquals("2.5 GiB", r.getString(1));
            }
        }
    }
}
