package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's application (from application_train or application_test) as labelled fields in sections. Every
 * column of the row appears once: in the first section that lists it or whose pattern it matches, else in
 * {@code other}.
 */
final class ApplicationProfiles {

    /**
     * A section: the columns it lists, in that reading order, then those its pattern matches, in table order.
     */
    private record Section(String key, String en, String fr, List<String> columns, Pattern pattern) {

        boolean holds(String column) {
            return columns.contains(column) || pattern != null && pattern.matcher(column).matches();
        }

        int rank(String column) {
            int i = columns.indexOf(column);
            return i >= 0 ? i : columns.size();
        }
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("identity", "Identity and family", "Identité et famille", List.of("CODE_GENDER",
                    "DAYS_BIRTH", "NAME_FAMILY_STATUS", "CNT_CHILDREN", "CNT_FAM_MEMBERS", "NAME_EDUCATION_TYPE",
                    "NAME_TYPE_SUITE"), null),
            new Section("employment", "Income and employment", "Revenus et emploi", List.of("NAME_INCOME_TYPE",
                    "AMT_INCOME_TOTAL", "OCCUPATION_TYPE", "ORGANIZATION_TYPE", "DAYS_EMPLOYED"), null),
            new Section("loan", "The loan", "Le crédit", List.of("NAME_CONTRACT_TYPE", "AMT_CREDIT", "AMT_ANNUITY",
                    "AMT_GOODS_PRICE", "WEEKDAY_APPR_PROCESS_START", "HOUR_APPR_PROCESS_START"), null),
            new Section("housing", "Housing and region", "Logement et région", List.of("FLAG_OWN_REALTY",
                    "NAME_HOUSING_TYPE", "FLAG_OWN_CAR", "OWN_CAR_AGE", "REGION_POPULATION_RELATIVE",
                    "REGION_RATING_CLIENT", "REGION_RATING_CLIENT_W_CITY", "DAYS_REGISTRATION"),
                    Pattern.compile("(REG|LIVE)_(REGION|CITY)_NOT_.*")),
            new Section("building", "Building lived in (normalised)", "Immeuble habité (normalisé)", List.of(),
                    Pattern.compile(".*_(AVG|MODE|MEDI)")),
            new Section("scores", "External scores", "Scores externes", List.of("EXT_SOURCE_1", "EXT_SOURCE_2",
                    "EXT_SOURCE_3"), null),
            new Section("contact", "Contact details and documents", "Coordonnées et documents", List.of("FLAG_MOBIL",
                    "FLAG_EMP_PHONE", "FLAG_WORK_PHONE", "FLAG_CONT_MOBILE", "FLAG_PHONE", "FLAG_EMAIL",
                    "DAYS_LAST_PHONE_CHANGE", "DAYS_ID_PUBLISH"), Pattern.compile("FLAG_DOCUMENT_\\d+")),
            new Section("enquiries", "Credit enquiries and social circle", "Consultations et entourage", List.of(),
                    Pattern.compile("AMT_REQ_CREDIT_BUREAU_.*|(OBS|DEF)_\\d+_CNT_SOCIAL_CIRCLE")),
            new Section("other", "Other", "Autres", List.of(), Pattern.compile(".*")));

    private final FieldFormat format;

    ApplicationProfiles(VariableLabels labels) {
        this.format = new FieldFormat(labels);
    }

    /**
     * The client's application in sections (empty ones left out), or empty when the table has no such client.
     *
     * @param train whether to read application_train (else application_test): each read scans the table's ids
     */
    Optional<List<ProfileSection>> sections(Connection connection, long clientId, boolean train, Language language)
            throws SQLException {
        Map<String, Object> row = row(connection, train ? HomeCreditSchema.APPLICATION_TRAIN
                : HomeCreditSchema.APPLICATION_TEST, clientId);
        if (row == null) {
            return Optional.empty();
        }
        Map<Section, List<String>> columns = new LinkedHashMap<>();
        SECTIONS.forEach(s -> columns.put(s, new ArrayList<>()));
        for (String column : row.keySet()) {
            if (!column.equals("SK_ID_CURR") && !column.equals("TARGET")) {
                SECTIONS.stream().filter(s -> s.holds(column)).findFirst().ifPresent(s -> columns.get(s).add(column));
            }
        }
        List<ProfileSection> sections = new ArrayList<>();
        for (Map.Entry<Section, List<String>> entry : columns.entrySet()) {
            Section section = entry.getKey();
            if (entry.getValue().isEmpty()) {
                continue;
            }
            // A stable sort: the listed columns in the section's order, the matched ones after, in table order.
            List<ClientField> fields = entry.getValue().stream().sorted(Comparator.comparingInt(section::rank))
                    .map(c -> format.field(c, row.get(c), language)).toList();
            sections.add(new ProfileSection(section.key(), language == Language.EN ? section.en() : section.fr(),
                    fields));
        }
        return Optional.of(sections);
    }

    private static Map<String, Object> row(Connection connection, String table, long clientId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM " + table
                + " WHERE SK_ID_CURR = ?")) {
            query.setLong(1, clientId);
            try (ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                ResultSetMetaData meta = r.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), r.getObject(i));
                }
                return row;
            }
        }
    }
}
