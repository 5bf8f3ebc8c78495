package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.selection.SelectionMethod;
import fr.pretadepenser.scoring.model.selection.SelectionSettings;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The options of feature selection, shared by {@code scoring select} and {@code scoring train --select}. */
final class SelectionOptions {

    @Option(names = "--methods", split = ",", paramLabel = "LIST",
            description = "Methods to run: pearson, chi2, rfe, l1, forest, boosting, null (default: all).")
    List<String> methods;

    @Option(names = "--vote-top", paramLabel = "N", description = "Features each method votes for (default: 100).")
    Integer voteTop;

    @Option(names = "--sample", paramLabel = "ROWS",
            description = "Most training rows the model-based methods see (default: 50000).")
    Integer sampleRows;

    @Option(names = "--shuffles", paramLabel = "N",
            description = "Shuffled targets of null importance (default: 10).")
    Integer shuffles;

    /** The settings asked for, the library's defaults where an option is absent. */
    SelectionSettings settings(List<Integer> sizes, long seed, int threads) {
        SelectionSettings d = SelectionSettings.defaults(seed, threads);
        Set<SelectionMethod> chosen = d.methods();
        if (methods != null) {
            chosen = EnumSet.noneOf(SelectionMethod.class);
            for (String m : methods) {
                chosen.add(SelectionMethod.of(m));
            }
        }
        return new SelectionSettings(chosen, voteTop != null ? voteTop : d.voteTop(),
                sizes != null ? sizes : d.sizes(), sampleRows != null ? sampleRows : d.sampleRows(),
                d.boostingRounds(), d.forestTrees(), shuffles != null ? shuffles : d.nullShuffles(), seed, threads);
    }
}
