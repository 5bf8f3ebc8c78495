package fr.pretadepenser.scoring.model.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Approval rate, default rate and AUC per group of applicants (gender, age band), with the four-fifths rule:
 * a group whose approval rate is under 0.8 times the best-treated group's is flagged for review.
 */
public final class Fairness {

    /** The four-fifths rule of disparate impact. */
    public static final double FLAG_BELOW = 0.8;

    private Fairness() {
    }

    /**
     * One group's figures.
     *
     * @param group        the group label, e.g. {@code F} or {@code 30-39}
     * @param applications applications in the group
     * @param approvalRate share granted at the threshold
     * @param defaultRate  observed default rate
     * @param auc          ROC AUC within the group (NaN when it has no default or no good client)
     * @param impactRatio  approval rate over the highest approval rate of all groups
     * @param flagged      whether the impact ratio is under {@link #FLAG_BELOW}
     */
    public record Group(String group, long applications, double approvalRate, double defaultRate, double auc,
                        double impactRatio, boolean flagged) {
    }

    /** The groups in label order. */
    public static List<Group> byGroup(String[] labels, int[] outcomes, double[] probabilities, double threshold) {
        TreeMap<String, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            members.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<double[]> figures = new ArrayList<>();
        double bestApproval = 0;
        for (List<Integer> rows : members.values()) {
            int[] y = rows.stream().mapToInt(i -> outcomes[i]).toArray();
            double[] p = rows.stream().mapToDouble(i -> probabilities[i]).toArray();
            Confusion c = Confusion.at(threshold, y, p);
            double defaults = 0;
            for (int o : y) {
                defaults += o;
            }
            figures.add(new double[]{rows.size(), c.approvalRate(), defaults / y.length, Metrics.rocAuc(y, p)});
            bestApproval = Math.max(bestApproval, c.approvalRate());
        }
        List<Group> groups = new ArrayList<>();
        int g = 0;
        for (String label : members.keySet()) {
            double[] f = figures.get(g++);
            double ratio = bestApproval == 0 ? 1 : f[1] / bestApproval;
            groups.add(new Group(label, (long) f[0], f[1], f[2], f[3], ratio, ratio < FLAG_BELOW));
        }
        return groups;
    }

    /** The age band of an applicant from DAYS_BIRTH (negative days before the application). */
    public static String ageBand(long daysBirth) {
        int years = (int) (-daysBirth / 365.25);
        if (years < 30) {
            return "<30";
        }
        if (years >= 60) {
            return "60+";
        }
        int low = years / 10 * 10;
        return low + "-" + (low + 9);
    }
}
