package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.ScoringWarning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The problems of one request as they are found: every one is counted, the first {@value #KEPT} are kept, so that
 * a request of ten thousand bad rows still gets a short answer that says how much more is wrong. Beside them, the
 * warnings of what is scored anyway, counted per finding.
 */
final class Problems {

    /** How many problems a request lists before "... and N more problems". */
    static final int KEPT = 100;

    private final List<FieldProblem> kept = new ArrayList<>();
    private final String where;
    private final Map<ScoringWarning, Long> warnings = new TreeMap<>(ScoringWarning.ORDER);
    private int found;

    /** @param where the field the closing "... and N more problems" is reported on, e.g. {@code application} */
    Problems(String where) {
        this.where = where;
    }

    /** Records one problem of a field. */
    void add(String field, String problem) {
        found++;
        if (kept.size() < KEPT) {
            kept.add(new FieldProblem(field, problem));
        }
    }

    /** Records problems and warnings found by another check, counting problems even if they were cut short there. */
    void addAll(Problems other) {
        for (FieldProblem p : other.kept) {
            add(p.field(), p.problem());
        }
        found += other.found - other.kept.size();
        other.warnings().forEach(this::warn);
    }

    /** Records one row's warning; the same finding in several rows counts their rows. */
    void warn(ScoringWarning warning) {
        warnings.merge(new ScoringWarning(warning.kind(), warning.table(), warning.column(), warning.value(), 1),
                warning.rows(), Long::sum);
    }

    /** The warnings, one per finding with its rows, in {@link ScoringWarning#ORDER}. */
    List<ScoringWarning> warnings() {
        List<ScoringWarning> list = new ArrayList<>();
        warnings.forEach((w, rows) -> list.add(new ScoringWarning(w.kind(), w.table(), w.column(), w.value(), rows)));
        return List.copyOf(list);
    }

    /** Whether nothing is wrong so far. */
    boolean isEmpty() {
        return found == 0;
    }

    /** How many problems were found, kept or not. */
    int found() {
        return found;
    }

    /** The kept problems, followed by "... and N more problems" when some were not kept. */
    List<FieldProblem> list() {
        List<FieldProblem> list = new ArrayList<>(kept);
        if (found > kept.size()) {
            int more = found - kept.size();
            list.add(new FieldProblem(where, "... and " + more + " more problem" + (more == 1 ? "" : "s")));
        }
        return List.copyOf(list);
    }

    /** Throws every problem found, if any. */
    void throwIfAny() {
        if (found > 0) {
            throw new InvalidApplicationException(list(), found);
        }
    }
}
