package fr.pretadepenser.scoring.data.synthetic;

import fr.pretadepenser.scoring.data.Table;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes one application row (application_train, or application_test without TARGET).
 *
 * <p>Structural columns, set here because other columns or TARGET depend on them:
 * <ul>
 *   <li>NAME_INCOME_TYPE, DAYS_BIRTH, DAYS_EMPLOYED, ORGANIZATION_TYPE, OCCUPATION_TYPE, FLAG_EMP_PHONE: pensioners
 *       and the unemployed are older, have DAYS_EMPLOYED = 365243, ORGANIZATION_TYPE = XNA and no occupation;
 *       nobody started work before 18;</li>
 *   <li>FLAG_OWN_CAR / OWN_CAR_AGE (empty without a car), CNT_CHILDREN / NAME_FAMILY_STATUS / CNT_FAM_MEMBERS;</li>
 *   <li>AMT_INCOME_TOTAL, AMT_CREDIT, AMT_ANNUITY, AMT_GOODS_PRICE: correlated through a Gaussian copula so each keeps
 *       its real marginal, with AMT_ANNUITY between 2.2% and 12% of AMT_CREDIT and AMT_GOODS_PRICE &lt;= AMT_CREDIT;</li>
 *   <li>EXT_SOURCE_1..3: driven by the hidden risk (and age), the strongest application-side predictors, as in reality;</li>
 *   <li>CODE_GENDER, NAME_EDUCATION_TYPE, REGION_RATING_CLIENT: inputs of the hidden risk model;</li>
 *   <li>the ~47 building columns (*_AVG, *_MODE, *_MEDI) are empty together, and each AVG/MODE/MEDI triplet is drawn
 *       at the same quantile so that its three values are nearly equal; AMT_REQ_CREDIT_BUREAU_* and *_SOCIAL_CIRCLE
 *       are likewise empty together.</li>
 * </ul>
 * Every other column is drawn independently from its real marginal.
 */
final class ApplicationRows {

    private static final String PROFILE = "application_train";
    /** Share of clients, from the oldest, among whom pensioners and the unemployed are placed. */
    private static final double OLD_SHARE = 0.42;
    private static final double DAYS_PER_YEAR = 365.25;

    private final RowWriter row;
    private final HiddenRiskModel riskModel;
    private final boolean train;
    private final int id, target, incomeType, birth, employed, organization, occupation, empPhone, ownCar, carAge,
            children, family, familyMembers, income, credit, annuity, goods, ext1, ext2, ext3, gender, education,
            regionRating;
    private final int pensionerIndex, unemployedIndex, xnaOrganization, carYes, maleIndex;
    private final double nonWorkingShare;
    private final SkewedQuantile ageOfNonWorking;
    private final double occupationMissingIfWorking;

    ApplicationRows(Table table, MarginalProfile profile, HiddenRiskModel riskModel) {
        this.row = new RowWriter(table, profile, PROFILE);
        this.riskModel = riskModel;
        this.train = table.findColumn("TARGET").isPresent();
        id = row.column("SK_ID_CURR");
        target = train ? row.column("TARGET") : -1;
        incomeType = row.column("NAME_INCOME_TYPE");
        birth = row.column("DAYS_BIRTH");
        employed = row.column("DAYS_EMPLOYED");
        organization = row.column("ORGANIZATION_TYPE");
        occupation = row.column("OCCUPATION_TYPE");
        empPhone = row.column("FLAG_EMP_PHONE");
        ownCar = row.column("FLAG_OWN_CAR");
        carAge = row.column("OWN_CAR_AGE");
        children = row.column("CNT_CHILDREN");
        family = row.column("NAME_FAMILY_STATUS");
        familyMembers = row.column("CNT_FAM_MEMBERS");
        income = row.column("AMT_INCOME_TOTAL");
        credit = row.column("AMT_CREDIT");
        annuity = row.column("AMT_ANNUITY");
        goods = row.column("AMT_GOODS_PRICE");
        ext1 = row.column("EXT_SOURCE_1");
        ext2 = row.column("EXT_SOURCE_2");
        ext3 = row.column("EXT_SOURCE_3");
        gender = row.column("CODE_GENDER");
        education = row.column("NAME_EDUCATION_TYPE");
        regionRating = row.column("REGION_RATING_CLIENT");
        pensionerIndex = row.profile(incomeType).categoryIndex("Pensioner");
        unemployedIndex = row.profile(incomeType).categoryIndex("Unemployed");
        xnaOrganization = row.profile(organization).categoryIndex("XNA");
        carYes = row.profile(ownCar).categoryIndex("Y");
        maleIndex = row.profile(gender).categoryIndex("M");
        nonWorkingShare = row.profile(incomeType).categoryShare(pensionerIndex)
                + row.profile(incomeType).categoryShare(unemployedIndex);
        ageOfNonWorking = new SkewedQuantile(nonWorkingShare, 0, OLD_SHARE);
        occupationMissingIfWorking = Math.max(0,
                (row.profile(occupation).missingShare() - nonWorkingShare) / (1 - nonWorkingShare));
        groupColumns(table);
    }

    private void groupColumns(Table table) {
        int nextValueGroup = 3;
        Map<String, Integer> triplets = new HashMap<>();
        for (String name : table.header()) {
            int c = row.column(name);
            if (name.endsWith("_AVG") || name.endsWith("_MODE") || name.endsWith("_MEDI")) {
                row.shareMissingness(c, 0);
                String base = name.substring(0, name.lastIndexOf('_'));
                Integer group = triplets.get(base);
                if (group == null) {
                    group = nextValueGroup++;
                    triplets.put(base, group);
                }
                row.shareValue(c, group);
            } else if (name.startsWith("AMT_REQ_CREDIT_BUREAU_")) {
                row.shareMissingness(c, 1);
            } else if (name.endsWith("_SOCIAL_CIRCLE")) {
                row.shareMissingness(c, 2);
                row.shareValue(c, name.startsWith("OBS") ? 0 : 1);
            } else if (name.startsWith("REGION_RATING_CLIENT")) {
                row.shareValue(c, 2);
            }
        }
    }

    /** Writes the header line. */
    void writeHeader(CsvBuffer out) {
        row.writeHeader(out);
    }

    /** Writes the application row of a client whose side tables are already written (and counted in history). */
    void write(long skIdCurr, ClientSkeleton skeleton, ClientHistory history, SplittableRandom random,
               CsvBuffer out) {
        double z = skeleton.risk();
        row.setLong(id, skIdCurr);

        int type = row.profile(incomeType).draw(random.nextDouble());
        row.setText(incomeType, row.profile(incomeType).value(type));
        boolean working = type != pensionerIndex && type != unemployedIndex;
        // DAYS_BIRTH quantiles start with the oldest clients.
        double ageU = ageOfNonWorking.draw(!working, random);
        long daysBirth = Math.round(row.profile(birth).quantile(ageU));
        double age = -Normal.inverseCdf(ageU);
        row.setLong(birth, daysBirth);
        long daysEmployed;
        if (working) {
            double u = Normal.cdf(-0.5 * age + 0.866 * random.nextGaussian());
            daysEmployed = Math.max(Math.round(row.profile(employed).quantile(u)), daysBirth + 18 * 365);
            daysEmployed = Math.min(daysEmployed, -1);
            row.setText(organization, row.profile(organization).value(
                    row.profile(organization).drawOtherThan(xnaOrganization, random.nextDouble())));
            if (random.nextDouble() < occupationMissingIfWorking) {
                row.setEmpty(occupation);
            }
            row.setLong(empPhone, 1);
        } else {
            daysEmployed = ColumnProfile.NO_DATE;
            row.setText(organization, "XNA");
            row.setEmpty(occupation);
            row.setLong(empPhone, 0);
        }
        row.setLong(employed, daysEmployed);

        int car = row.profile(ownCar).draw(random.nextDouble());
        row.setText(ownCar, row.profile(ownCar).value(car));
        if (car == carYes) {
            row.setDecimal(carAge, Math.round(row.profile(carAge).quantile(random.nextDouble())), 1);
        } else {
            row.setEmpty(carAge);
        }
        int kids = Integer.parseInt(text(children, row.profile(children).draw(random.nextDouble())));
        row.setLong(children, kids);
        String status = text(family, row.profile(family).draw(random.nextDouble()));
        row.setText(family, status);
        boolean couple = status.equals("Married") || status.equals("Civil marriage");
        row.setDecimal(familyMembers, kids + (couple ? 2 : 1), 1);

        double incomeNormal = -0.15 * z + 0.989 * random.nextGaussian();
        double creditNormal = 0.45 * incomeNormal + 0.893 * random.nextGaussian();
        double annuityNormal = 0.85 * creditNormal + 0.527 * random.nextGaussian();
        double incomeValue = row.profile(income).quantile(Normal.cdf(incomeNormal));
        double creditValue = row.profile(credit).quantile(Normal.cdf(creditNormal));
        double annuityValue = row.profile(annuity).quantile(Normal.cdf(annuityNormal));
        annuityValue = Math.max(0.022 * creditValue, Math.min(0.12 * creditValue, annuityValue));
        double goodsValue = Math.min(creditValue, row.profile(goods).quantile(Normal.cdf(creditNormal)));
        incomeValue = round(incomeValue, 2);
        creditValue = round(creditValue, 1);
        annuityValue = round(annuityValue, 1);
        row.setDecimal(income, incomeValue, 2);
        row.setDecimal(credit, creditValue, 1);
        row.setDecimal(annuity, annuityValue, 1);
        row.setDecimal(goods, Math.min(creditValue, round(goodsValue, 1)), 1);

        double e1 = externalScore(ext1, Normal.cdf(-0.4 * z + 0.4 * age + 0.825 * random.nextGaussian()), random);
        double e2 = externalScore(ext2, Normal.cdf(-0.45 * z + 0.893 * random.nextGaussian()), random);
        double e3 = externalScore(ext3, Normal.cdf(-0.45 * z + 0.2 * age + 0.87 * random.nextGaussian()), random);

        boolean male = row.profile(gender).draw(random.nextDouble()) == maleIndex;
        row.setText(gender, male ? "M" : "F");
        int educationIndex = row.profile(education).draw(random.nextDouble());
        row.setText(education, row.profile(education).value(educationIndex));
        String educationText = text(education, educationIndex);
        int rating = Integer.parseInt(text(regionRating, row.profile(regionRating).draw(random.nextDouble())));
        row.setLong(regionRating, rating);

        if (train) {
            double sum = 0;
            int present = 0;
            for (double e : new double[] {e1, e2, e3}) {
                if (!Double.isNaN(e)) {
                    sum += e;
                    present++;
                }
            }
            ApplicationFacts facts = new ApplicationFacts(present == 0 ? 0.5 : sum / present,
                    -daysBirth / DAYS_PER_YEAR, working ? -daysEmployed / DAYS_PER_YEAR : 0,
                    creditValue / incomeValue, annuityValue / incomeValue, male,
                    educationText.startsWith("Secondary") || educationText.startsWith("Lower"), rating);
            row.setLong(target, riskModel.target(facts, history, random) ? 1 : 0);
        }
        row.emit(out, random);
    }

    /** Sets an external score at quantile {@code u}, or leaves it empty with its real missing share; NaN if empty. */
    private double externalScore(int column, double u, SplittableRandom random) {
        ColumnProfile p = row.profile(column);
        if (random.nextDouble() < p.missingShare()) {
            row.setEmpty(column);
            return Double.NaN;
        }
        double value = round(p.quantile(u), 6);
        row.setDecimal(column, value, 6);
        return value;
    }

    private String text(int column, int index) {
        String s = new String(row.profile(column).value(index), StandardCharsets.UTF_8);
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
