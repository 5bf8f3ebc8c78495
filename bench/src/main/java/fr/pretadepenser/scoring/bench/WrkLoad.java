package fr.pretadepenser.scoring.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Drives {@code wrk} (the C HTTP load generator: two threads, N keep-alive connections, closed loop) and reads its
 * latency distribution. It costs far less CPU per request than a JVM client, so on a shared machine it leaves the
 * server more of the cores.
 */
final class WrkLoad {

    private WrkLoad() {
    }

    /** Whether {@code wrk} is on the PATH. */
    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * A script asking for {@code prefix + id + suffix} with a random one of the ids, with the API key (none when
     * null).
     */
    static String idsScript(List<Long> ids, String prefix, String suffix, String key) {
        StringBuilder lua = new StringBuilder("local ids = {");
        ids.forEach(id -> lua.append(id).append(','));
        return lua.append("}\nrequest = function()\n  local id = ids[math.random(#ids)]\n  return wrk.format(\"GET\", \"")
                .append(prefix).append("\" .. id .. \"").append(suffix).append('"').append(headers(key))
                .append(")\nend\n").toString();
    }

    /** A script asking for one path, with the API key (none when null). */
    static String pathScript(String path, String key) {
        return "request = function()\n  return wrk.format(\"GET\", \"" + path + "\"" + headers(key) + ")\nend\n";
    }

    /**
     * A script posting a random one of the JSON bodies to {@code path}, with the API key. Each body goes in a Lua
     * long string, whose closing bracket no body contains.
     */
    static String postScript(List<String> bodies, String path, String key) {
        StringBuilder lua = new StringBuilder("local bodies = {\n");
        for (String body : bodies) {
            String level = "=";
            while (body.contains("]" + level + "]")) {
                level += "=";
            }
            lua.append('[').append(level).append('[').append(body).append(']').append(level).append("],\n");
        }
        return lua.append("}\nrequest = function()\n  return wrk.format(\"POST\", \"").append(path)
                .append("\", {[\"X-API-Key\"] = \"").append(key)
                .append("\", [\"Content-Type\"] = \"application/json\"}, bodies[math.random(#bodies)])\nend\n")
                .toString();
    }

    private static String headers(String key) {
        return key == null ? "" : ", {[\"X-API-Key\"] = \"" + key + "\"}";
    }

    /**
     * Runs wrk with two threads for a warm-up, then for the measured window, and reads its figures; errors are
     * non-2xx answers plus socket errors (connect, read, write, timeout).
     */
    static LoadGenerator.Result run(String base, Path script, int connections, int warmup, int seconds)
            throws IOException, InterruptedException {
        if (warmup > 0) {
            run("wrk", "-t2", "-c" + connections, "-d" + warmup + "s", "-s", script.toString(), base);
        }
        String out = run("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), base);
        double rps = Double.parseDouble(out.replaceAll("(?s).*Requests/sec:\\s+([0-9.]+).*", "$1"));
        long errors = out.contains("Non-2xx") ? Long.parseLong(out.replaceAll(
                "(?s).*Non-2xx or 3xx responses:\\s+([0-9]+).*", "$1")) : 0;
        if (out.contains("Socket errors:")) {
            String[] counts = out.replaceAll("(?s).*Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+),"
                    + " timeout ([0-9]+).*", "$1 $2 $3 $4").split(" ");
            for (String count : counts) {
                errors += Long.parseLong(count);
            }
        }
        double[] percentiles = new double[101];
        for (int p : new int[]{50, 90, 99}) {
            percentiles[p] = millis(out.replaceAll("(?s).*\\s" + p + "%\\s+([0-9.]+[a-z]+).*", "$1"));
        }
        // "Latency  avg  stdev  max  +/-stdev": the third value is the largest latency.
        percentiles[100] = millis(out.replaceAll(
                "(?s).*Latency\\s+[0-9.]+[a-z]+\\s+[0-9.]+[a-z]+\\s+([0-9.]+[a-z]+).*", "$1"));
        return LoadGenerator.Result.summary((long) (rps * seconds), errors, seconds, percentiles);
    }

    private static double millis(String value) {
        double number = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? number / 1000 : value.endsWith("ms") ? number : number * 1000;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
