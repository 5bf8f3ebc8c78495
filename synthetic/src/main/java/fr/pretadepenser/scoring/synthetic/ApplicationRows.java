package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.Table;
import org.hipparchus.distribution.continuous.NormalDistribution;

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
 *   <li>CODE_GENDER, NAME_EDUCATION_TYPE, REGION_RATING_CLIENT: inputs of the hidden risk model (with
 *       REGION_RATING_CLIENT_W_CITY drawn at the same quantile);</li>
 *   <li>DAYS_REGISTRATION, DAYS_ID_PUBLISH, DAYS_LAST_PHONE_CHANGE: inputs of the hidden risk model too; older
 *       clients changed their registration and their ID document longer ago, never before birth (or 14 for the
 *       ID);</li>
 *   <li>the ~47 building columns (*_AVG, *_MODE, *_MEDI) are empty together, and each AVG/MODE/MEDI triplet is drawn
 *       at the same quantile so that its three values are nearly equal; AMT_REQ_CREDIT_BUREAU_* and *_SOCIAL_CIRCLE
 *       are likewise empty together.</li>
 * </ul>
 * Every other column is drawn independently from its real marginal.
 */
final class ApplicationRows {

    /** The standard normal of the Gaussian copulas: a correlated normal becomes a uniform, then a column's value. */
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private static final String PROFILE = "application_train";
    /** Share of clients, from the oldest, among whom pensioners and the unemployed are placed. */
    private static final double OLD_SHARE = 0.42;
    private static final double DAYS_PER_YEAR = 365.25;
    private static final byte[] XNA = "XNA".getBytes(StandardCharsets.UTF_8);

    private final RowWriter row;
    private final HiddenRiskModel riskModel;
    private final boolean train;
    private final int id, target, incomeType, birth, employed, organization, occupation, empPhone, ownCar, carAge,
            children, family, familyMembers, income, credit, annuity, goods, ext1, ext2, ext3, gender, education,
            regionRating, regionRatingWithCity, registration, idPublish, phoneChange;
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
        regionRatingWithCity = row.column("REGION_RATING_CLIENT_W_CITY");
        registration = row.column("DAYS_REGISTRATION");
        idPublish = row.column("DAYS_ID_PUBLISH");
        phoneChange = row.column("DAYS_LAST_PHONE_CHANGE");
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

    /** Missingness groups: columns empty together. */
    private static final int BUILDING = 0;
    private static final int BUREAU_ENQUIRIES = 1;
    private static final int SOCIAL_CIRCLE = 2;
    /** Value groups: columns drawn at the same quantile; each building triplet gets its own after these. */
    private static final int OBSERVED_CIRCLE = 0;
    private static final int DEFAULTED_CIRCLE = 1;

    private void groupColumns(Table table) {
        int nextValueGroup = DEFAULTED_CIRCLE + 1;
        Map<String, Integer> triplets = new HashMap<>();
        for (String name : table.header()) {
            int c = row.column(name);
            if (name.endsWith("_AVG") || name.endsWith("_MODE") || name.endsWith("_MEDI")) {
                row.shareMissingness(c, BUILDING);
                String base = name.substring(0, name.lastIndexOf('_'));
                Integer group = triplets.get(base);
                if (group == null) {
                    group = nextValueGroup++;
                    triplets.put(base, group);
                }
                row.shareValue(c, group);
            } else if (name.startsWith("AMT_REQ_CREDIT_BUREAU_")) {
                row.shareMissingness(c, BUREAU_ENQUIRIES);
            } else if (name.endsWith("_SOCIAL_CIRCLE")) {
                row.shareMissingness(c, SOCIAL_CIRCLE);
                row.shareValue(c, name.startsWith("OBS") ? OBSERVED_CIRCLE : DEFAULTED_CIRCLE);
            }
        }
    }

    /** The writer of this application file. */
    RowWriter writer() {
        return row;
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
        int type = row.pick(incomeType, random.nextDouble());
        row.setText(incomeType, row.profile(incomeType).value(type));
        boolean working = type != pensionerIndex && type != unemployedIndex;
        // DAYS_BIRTH quantiles start with the oldest clients; age is the matching standard normal (older = higher).
        double ageU = ageOfNonWorking.draw(!working, random);
        long daysBirth = Math.round(row.profile(birth).quantile(ageU));
        double age = -NORMAL.inverseCumulativeProbability(ageU);
        row.setLong(birth, daysBirth);
        long daysEmployed = working ? writeEmployment(daysBirth, age, random) : writeNoEmployment();
        writeHousehold(random);
        Amounts amounts = writeAmounts(z, random);
        double e1 = externalScore(ext1,
                NORMAL.cumulativeProbability(-0.4 * z + 0.4 * age + 0.825 * random.nextGaussian()), random);
        double e2 = externalScore(ext2,
                NORMAL.cumulativeProbability(-0.45 * z + 0.893 * random.nextGaussian()), random);
        double e3 = externalScore(ext3,
                NORMAL.cumulativeProbability(-0.45 * z + 0.2 * age + 0.87 * random.nextGaussian()), random);

        int genderIndex = row.pick(gender, random.nextDouble());
        row.setText(gender, row.profile(gender).value(genderIndex));
        int educationIndex = row.pick(education, random.nextDouble());
        row.setText(education, row.profile(education).value(educationIndex));
        String educationText = text(education, educationIndex);
        // The city-adjusted rating is drawn at the same quantile, so it nearly always equals the region's.
        double ratingU = random.nextDouble();
        int rating = Integer.parseInt(text(regionRating, row.profile(regionRating).draw(ratingU)));
        row.setLong(regionRating, rating);
        row.drawAt(regionRatingWithCity, ratingU);
        Dates dates = writeDates(daysBirth, age, random);

        if (train) {
            ApplicationFacts facts = new ApplicationFacts(meanOfPresent(e1, e2, e3),
                    -daysBirth / DAYS_PER_YEAR, text(incomeType, type), working ? -daysEmployed / DAYS_PER_YEAR : 0,
                    amounts.credit() / amounts.income(), amounts.annuity() / amounts.income(),
                    genderIndex == maleIndex,
                    educationText.startsWith("Secondary") || educationText.startsWith("Lower"), rating,
                    -dates.registration() / DAYS_PER_YEAR, -dates.idPublish() / DAYS_PER_YEAR,
                    -dates.phoneChange() / DAYS_PER_YEAR);
            row.setLong(target, riskModel.target(facts, history, random) ? 1 : 0);
        }
        row.emit(out, random);
    }

    /** Employed clients: days employed (longer when older, never before 18), an organization, maybe an occupation. */
    private long writeEmployment(long daysBirth, double age, SplittableRandom random) {
        double u = NORMAL.cumulativeProbability(-0.5 * age + 0.866 * random.nextGaussian());
        long days = Math.max(Math.round(row.profile(employed).quantile(u)), daysBirth + 18 * 365);
        days = Math.min(days, -1);
        row.setLong(employed, days);
        row.setText(organization, row.profile(organization).value(
                row.pickOtherThan(organization, xnaOrganization, random.nextDouble())));
        if (random.nextDouble() < occupationMissingIfWorking) {
            row.setEmpty(occupation);
        }
        row.setLong(empPhone, 1);
        return days;
    }

    /** Pensioners and the unemployed: Kaggle's 365243 days employed, organization XNA, no occupation. */
    private long writeNoEmployment() {
        row.setLong(employed, ColumnProfile.NO_DATE);
        if (row.due(organization) == xnaOrganization) {
            row.placed(organization, xnaOrganization);
        }
        row.setText(organization, XNA);
        row.setEmpty(occupation);
        row.setLong(empPhone, 0);
        return ColumnProfile.NO_DATE;
    }

    /** Car and car age, children, family status and family size, consistent with each other. */
    private void writeHousehold(SplittableRandom random) {
        int car = row.pick(ownCar, random.nextDouble());
        row.setText(ownCar, row.profile(ownCar).value(car));
        if (car == carYes) {
            row.setDecimal(carAge, Math.round(row.profile(carAge).quantile(random.nextDouble())), 1);
        } else {
            row.setEmpty(carAge);
        }
        int kids = Integer.parseInt(text(children, row.profile(children).draw(random.nextDouble())));
        row.setLong(children, kids);
        int status = row.pick(family, random.nextDouble());
        row.setText(family, row.profile(family).value(status));
        String statusText = text(family, status);
        boolean couple = statusText.equals("Married") || statusText.equals("Civil marriage");
        row.setDecimal(familyMembers, kids + (couple ? 2 : 1), 1);
    }

    /** Income, credit, annuity and goods price through a Gaussian copula; each keeps its real marginal. */
    private Amounts writeAmounts(double z, SplittableRandom random) {
        double incomeNormal = -0.15 * z + 0.989 * random.nextGaussian();
        double creditNormal = 0.45 * incomeNormal + 0.893 * random.nextGaussian();
        double annuityNormal = 0.85 * creditNormal + 0.527 * random.nextGaussian();
        double incomeValue = round(row.profile(income).quantile(NORMAL.cumulativeProbability(incomeNormal)), 2);
        double creditValue = round(row.profile(credit).quantile(NORMAL.cumulativeProbability(creditNormal)), 1);
        double annuityValue = row.profile(annuity).quantile(NORMAL.cumulativeProbability(annuityNormal));
        // Real annuities run from about 2.2% to 12% of the credit (terms of roughly 8 to 45 months).
        annuityValue = round(Math.max(0.022 * creditValue, Math.min(0.12 * creditValue, annuityValue)), 1);
        double goodsValue = round(row.profile(goods).quantile(NORMAL.cumulativeProbability(creditNormal)), 1);
        row.setDecimal(income, incomeValue, 2);
        row.setDecimal(credit, creditValue, 1);
        row.setDecimal(annuity, annuityValue, 1);
        row.setDecimal(goods, Math.min(creditValue, goodsValue), 1);
        return new Amounts(incomeValue, creditValue, annuityValue);
    }

    /** Registration, ID document and phone change days, drawn from their marginals; the older, the longer ago. */
    private Dates writeDates(long daysBirth, double age, SplittableRandom random) {
        // Quantile 0 is the longest ago, so an older client (larger age normal) draws a smaller quantile.
        double registrationU = NORMAL.cumulativeProbability(-0.35 * age + 0.937 * random.nextGaussian());
        double days = Math.max(Math.round(row.profile(registration).quantile(registrationU)), daysBirth);
        row.setDecimal(registration, days);
        double idU = NORMAL.cumulativeProbability(-0.3 * age + 0.954 * random.nextGaussian());
        long id = Math.min(Math.max(Math.round(row.profile(idPublish).quantile(idU)), daysBirth + 14 * 365), 0);
        row.setLong(idPublish, id);
        double phone = Math.round(row.profile(phoneChange).quantile(random.nextDouble()));
        row.setDecimal(phoneChange, phone);
        return new Dates(days, id, phone);
    }

    /** The days (negative, before the application) the hidden risk model reads. */
    private record Dates(double registration, double idPublish, double phoneChange) {
    }

    /** The amounts the hidden risk model reads. */
    private record Amounts(double income, double credit, double annuity) {
    }

    private static double meanOfPresent(double... scores) {
        double sum = 0;
        int present = 0;
        for (double score : scores) {
            if (!Double.isNaN(score)) {
                sum += score;
                present++;
            }
        }
        return present == 0 ? 0.5 : sum / present;
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
        return row.profile(column).category(index);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
