package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.selection.SelectionResult;
import fr.pretadepenser.scoring.report.SelectionReport;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scoring select}, then {@code scoring train --selection} on its file; and their refusals of bad input. */
class SelectCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = ScoringCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void selectsThenTrainsOnTheSelectionsTopFeatures() throws Exception {
        Path database = tmp.resolve("homecredit.duckdb");
        Files.copy(TinyBundle.get().database(), database, StandardCopyOption.REPLACE_EXISTING);
        Path reports = tmp.resolve("reports");
        // The two filters alone and short fits: the command's path, not the methods (NestedSelectionTest).
        assertEquals(0, run("select", "--db", database.toString(), "--out", reports.toString(), "--methods",
                "pearson,chi2", "--k", "10,all", "--folds", "2", "--max-rounds", "20"), err.toString());
        assertTrue(Files.isRegularFile(reports.resolve(SelectionReport.HTML)));
        SelectionResult result = SelectionResult.read(reports.resolve(SelectionReport.JSON));
        assertEquals(2, result.sizes().size());

        Path models = tmp.resolve("models");
        assertEquals(0, run("train", "--db", database.toString(), "--models", models.toString(), "--trials", "1",
                "--folds", "2", "--max-rounds", "20", "--selection", reports.resolve(SelectionReport.JSON).toString(),
                "--select", "10"), err.toString());
        ModelBundle bundle = ModelBundle.load(models.resolve(ModelBundle.CURRENT));
        assertEquals(Set.copyOf(result.top(10)), Set.copyOf(bundle.features().featureNames()));
        assertEquals(10, bundle.manifest().selection().kept());
        assertEquals(result.sizes().get(0).auc(), bundle.manifest().selection().nestedAuc());
    }

    @Test
    void refusesBadOptionsAndAMissingSelectionFileWithExitTwo() throws Exception {
        Path database = TinyBundle.get().database();
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("select", "--db", database.toString(), "--k", "ten"));
        assertTrue(err.toString().contains("--k: expected numbers of features or 'all', got 'ten'"), err.toString());
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("select", "--db", database.toString(), "--methods",
                "magic"));
        assertTrue(err.toString().contains("unknown selection method 'magic'"), err.toString());
        Path missing = tmp.resolve("selection.json");
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("train", "--db", database.toString(), "--selection",
                missing.toString()));
        assertTrue(err.toString().contains(missing.toString()), err.toString());
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("train", "--db", database.toString(), "--select", "0"));
        assertTrue(err.toString().contains("--select: expected a number of features >= 1, got 0"), err.toString());
    }
}
