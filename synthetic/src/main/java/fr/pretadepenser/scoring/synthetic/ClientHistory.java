package fr.pretadepenser.scoring.synthetic;

/**
 * What the side tables written for one client show, counted as they are written: the observable quantities
 * from which {@link HiddenRiskModel} derives TARGET (never the hidden risk itself).
 */
final class ClientHistory {

    int installments;
    int lateInstallments;
    int underpaidInstallments;
    int previousApplications;
    int refusedApplications;
    int overdueBureauCredits;
    int bureauMonths;
    int lateBureauMonths;
    int posMonthsPastDue;

    void clear() {
        installments = 0;
        lateInstallments = 0;
        underpaidInstallments = 0;
        previousApplications = 0;
        refusedApplications = 0;
        overdueBureauCredits = 0;
        bureauMonths = 0;
        lateBureauMonths = 0;
        posMonthsPastDue = 0;
    }
}
