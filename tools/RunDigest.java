import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Helper of tools/record-run.sh (run in source-file mode on the scoring jar's class path, which holds DuckDB's
 * driver): writes what a seeded run's database holds as plain text, so that two runs can be compared with diff.
 *
 * <pre>java -cp scoring.jar tools/RunDigest.java features DB OUT_DIR   (feature table digest + manifest)
 * java -cp scoring.jar tools/RunDigest.java requests DATA_DIR OUT_DIR N  (POST /score bodies of N test rows)</pre>
 */
public final class RunDigest {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "features" -> features(Path.of(args[1]), Path.of(args[2]));
            case "requests" -> requests(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("features or requests expected, got " + args[0]);
        }
    }

    /** Every cell of the feature table in client order, hashed per client, then the manifest as stored. */
    private static void features(Path database, Path out) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), readOnly);
             Statement s = c.createStatement()) {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            long rows = 0;
            int columns;
            try (ResultSet r = s.executeQuery("SELECT * FROM features ORDER BY SK_ID_CURR");
                 PrintWriter perClient = new PrintWriter(Files.newBufferedWriter(out.resolve("features-by-client.txt")))) {
                ResultSetMetaData meta = r.getMetaData();
                columns = meta.getColumnCount();
                StringBuilder header = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    header.append(meta.getColumnName(i)).append(i < columns ? "," : "\n");
                }
                Files.writeString(out.resolve("features-columns.txt"), header);
                while (r.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        Object v = r.getObject(i);
                        line.append(v == null ? "" : v.toString()).append(',');
                    }
                    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                    all.update(bytes);
                    perClient.println(r.getLong("SK_ID_CURR") + " " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16));
                    rows++;
                }
            }
            Files.writeString(out.resolve("features-summary.txt"), rows + " rows, " + columns + " columns, sha256 "
                    + HexFormat.of().formatHex(all.digest()) + "\n");
            try (ResultSet r = s.executeQuery("SELECT * FROM feature_manifest")) {
                StringBuilder manifest = new StringBuilder();
                while (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        manifest.append(r.getString(i)).append('\n');
                    }
                }
                Files.writeString(out.resolve("feature-manifest.txt"), manifest);
            }
        }
    }

    /** POST /score bodies (application only, JSON) of the first n rows of application_test.csv. */
    private static void requests(Path data, Path out, int n) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("application_test.csv"));
        List<String> header = split(lines.get(0));
        Files.createDirectories(out);
        for (int row = 1; row <= Math.min(n, lines.size() - 1); row++) {
            List<String> fields = split(lines.get(row));
            StringBuilder json = new StringBuilder("{\"application\":{");
            List<String> members = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String v = fields.get(i);
                if (v.isEmpty()) {
                    continue;
                }
                boolean number = v.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
                members.add("\"" + header.get(i) + "\":" + (number ? v : "\"" + v.replace("\"", "\\\"") + "\""));
            }
            json.append(String.join(",", members)).append("}}");
            Files.writeString(out.resolve(String.format("request-%03d.json", row)), json);
        }
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
