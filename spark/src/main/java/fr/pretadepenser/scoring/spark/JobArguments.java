package fr.pretadepenser.scoring.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of a spark-submit job, checked against the names the job knows. */
final class JobArguments {

    private final Map<String, String> values = new HashMap<>();
    private final String usage;

    JobArguments(String[] args, Set<String> known, String usage) {
        this.usage = usage;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'; usage: " + usage);
            }
            values.put(name.substring(2), args[i + 1]);
        }
    }

    /** Whether the option was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required; usage: " + usage);
        }
        return value;
    }

    /** A {@code true}/{@code false} option, false when absent. */
    boolean bool(String name) {
        return bool(name, false);
    }

    /** A {@code true}/{@code false} option, {@code fallback} when absent. */
    boolean bool(String name, boolean fallback) {
        String value = values.getOrDefault(name, String.valueOf(fallback));
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + name + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }
}
