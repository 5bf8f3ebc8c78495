package fr.pretadepenser.scoring.synthetic;

import java.util.SplittableRandom;

/**
 * The hidden model that decides TARGET, so that the synthetic data teaches what the real data teaches: the side
 * tables matter.
 *
 * <p>Each client draws a hidden standard-normal risk ({@link ClientSkeleton#risk()}). The risk shapes behaviour
 * that is then written to the files: how often installments are paid late or short ({@link RepaymentRows}), how
 * often previous applications are refused ({@link PreviousApplicationRows}), how many bureau credits are overdue and
 * how many bureau months are late ({@link BureauRows}), POS months past due, and (less strongly) the EXT_SOURCE
 * scores ({@link ApplicationRows}). TARGET never reads the hidden risk: it is a Bernoulli draw with probability
 * {@code logistic(logit)}, where the logit adds
 * <ul>
 *   <li>application terms: external score, age, years employed, credit and annuity to income, gender, education,
 *       region rating;</li>
 *   <li>side-table terms, from the counts actually written ({@link ClientHistory}): late and underpaid installments,
 *       refused previous applications, overdue bureau credits, late bureau months, POS months past due;</li>
 *   <li>Gaussian noise.</li>
 * </ul>
 * The intercept is calibrated so that about 8% of clients default. A model that sees only the application table
 * recovers the application terms and, through EXT_SOURCE, part of the hidden risk; one that also aggregates the side
 * tables sees the behaviour terms too and ranks clients clearly better.
 */
final class HiddenRiskModel {

    private static final double INTERCEPT = -4.32;

    /** Whether the client defaults: drawn from the logistic of the observable quantities plus noise. */
    boolean target(ApplicationFacts app, ClientHistory history, SplittableRandom random) {
        double logit = INTERCEPT + applicationTerms(app) + sideTableTerms(history) + 0.6 * random.nextGaussian();
        return random.nextDouble() < 1 / (1 + Math.exp(-logit));
    }

    private static double applicationTerms(ApplicationFacts app) {
        return -1.2 * (app.externalScore() - 0.5)
                - 0.02 * (app.ageYears() - 43)
                - 0.03 * Math.min(app.yearsEmployed(), 20)
                + 0.25 * Math.log(Math.max(app.creditToIncome(), 0.1) / 3.5)
                + 1.5 * (Math.min(app.annuityToIncome(), 1) - 0.18)
                + (app.male() ? 0.3 : 0)
                + (app.lowEducation() ? 0.3 : 0)
                + 0.25 * (app.regionRating() - 2);
    }

    private static double sideTableTerms(ClientHistory h) {
        double lateShare = h.installments == 0 ? 0 : (double) h.lateInstallments / h.installments;
        double underpaidShare = h.installments == 0 ? 0 : (double) h.underpaidInstallments / h.installments;
        double refusedShare = h.previousApplications == 0 ? 0
                : (double) h.refusedApplications / h.previousApplications;
        double lateBureauShare = h.bureauMonths == 0 ? 0 : (double) h.lateBureauMonths / h.bureauMonths;
        return 2.5 * lateShare + 0.45 * Math.log1p(h.lateInstallments)
                + 2.0 * underpaidShare
                + 1.2 * refusedShare + 0.2 * Math.log1p(h.refusedApplications)
                + 0.8 * Math.min(h.overdueBureauCredits, 2)
                + 4.0 * lateBureauShare + 0.3 * Math.log1p(h.lateBureauMonths)
                + 0.3 * Math.log1p(h.posMonthsPastDue);
    }
}
