package fr.pretadepenser.scoring.synthetic;

import java.util.SplittableRandom;

/**
 * The hidden model that decides TARGET, so that the synthetic data teaches what the real data teaches: the external
 * scores lead, the application says much, the side tables add a little.
 *
 * <p>Each client draws a hidden standard-normal risk ({@link ClientSkeleton#risk()}). The risk shapes behaviour
 * that is then written to the files: how often installments are paid late or short ({@link RepaymentRows}), how
 * often previous applications are refused ({@link PreviousApplicationRows}), how many bureau credits are overdue and
 * how many bureau months are late ({@link BureauRows}), POS months past due, and the EXT_SOURCE scores
 * ({@link ApplicationRows}). TARGET never reads the hidden risk: it is a Bernoulli draw with probability
 * {@code logistic(logit)}, where the logit adds
 * <ul>
 *   <li>application terms: external score, age, income type and years employed, credit and annuity to income,
 *       gender, education, region rating, and how long ago the registration, the ID document and the phone last
 *       changed;</li>
 *   <li>side-table terms, from the counts actually written ({@link ClientHistory}): late and underpaid installments,
 *       refused previous applications, overdue bureau credits, late bureau months, POS months past due;</li>
 *   <li>Gaussian noise.</li>
 * </ul>
 * The strengths were set against 3,000 genuine labelled applications (the README's "Does the generated risk behave
 * like a real lender's?"): each variable's correlation with TARGET is near the genuine one (external scores about
 * -0.18, age +0.095, region rating +0.075, registration +0.07, time employed -0.036 with the 365243 sentinel),
 * pensioners and state servants default less than the working, and a client's late-installment share (+0.20) tells
 * less than the external scores, so the side tables add a little AUC to the application's, as in genuine data.
 * The intercept makes about 8% of clients default.
 */
final class HiddenRiskModel {

    private static final double INTERCEPT = -4.06;

    /** Whether the client defaults: drawn from the logistic of the observable quantities plus noise. */
    boolean target(ApplicationFacts app, ClientHistory history, SplittableRandom random) {
        double logit = INTERCEPT + applicationTerms(app) + sideTableTerms(history) + 0.6 * random.nextGaussian();
        return random.nextDouble() < 1 / (1 + Math.exp(-logit));
    }

    private static double applicationTerms(ApplicationFacts app) {
        return -4.5 * (app.externalScore() - 0.5)
                - 0.006 * (app.ageYears() - 43)
                + employmentTerm(app)
                + 0.1 * Math.log(Math.max(app.creditToIncome(), 0.1) / 3.5)
                + 0.5 * (Math.min(app.annuityToIncome(), 1) - 0.18)
                + (app.male() ? 0.4 : 0)
                + (app.lowEducation() ? 0.6 : 0)
                + 0.6 * (app.regionRating() - 2)
                - 0.025 * (Math.min(app.yearsRegistered(), 30) - 13)
                - 0.03 * (app.idYears() - 8)
                - 0.1 * (Math.min(app.phoneYears(), 8) - 2.6);
    }

    /** A short employment raises risk; state servants and commercial associates are safer than other workers. */
    private static double employmentTerm(ApplicationFacts app) {
        double shortEmployment = 0.45 - 0.08 * Math.min(app.yearsEmployed(), 12);
        return switch (app.incomeType()) {
            case "Working" -> shortEmployment;
            case "Commercial associate" -> shortEmployment - 0.15;
            case "State servant" -> shortEmployment - 0.35;
            case "Unemployed", "Maternity leave" -> 1.5;
            default -> 0; // pensioners (their age lowers their risk already), students, businessmen
        };
    }

    private static double sideTableTerms(ClientHistory h) {
        double lateShare = h.installments == 0 ? 0 : (double) h.lateInstallments / h.installments;
        double underpaidShare = h.installments == 0 ? 0 : (double) h.underpaidInstallments / h.installments;
        double refusedShare = h.previousApplications == 0 ? 0
                : (double) h.refusedApplications / h.previousApplications;
        double lateBureauShare = h.bureauMonths == 0 ? 0 : (double) h.lateBureauMonths / h.bureauMonths;
        return 0.6 * lateShare + 0.12 * Math.log1p(h.lateInstallments)
                + 1.0 * underpaidShare
                + 0.8 * refusedShare + 0.15 * Math.log1p(h.refusedApplications)
                + 0.5 * Math.min(h.overdueBureauCredits, 2)
                + 2.0 * lateBureauShare + 0.15 * Math.log1p(h.lateBureauMonths)
                + 0.15 * Math.log1p(h.posMonthsPastDue);
    }
}
