package fr.pretadepenser.scoring.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The import graph of a folder of JavaScript modules as a browser would resolve it: every static
 * {@code import ... from '...'}, bare {@code import '...'}, {@code export ... from '...'} and dynamic
 * {@code import('...')}, with relative specifiers resolved against the importing file and absolute ones
 * ({@code /js/x.js}) against the folder, which is served at {@code /}.
 *
 * <p>Modules are named by their path inside the folder with {@code /} separators ({@code js/pages/signin.js}).
 * Comments are removed before parsing, so a commented-out import is not an edge.
 */
final class ModuleImportGraph {

    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)^\\s*//.*$");
    /** {@code import x from '...'}, {@code import { a, b } from "..."} over several lines, {@code export * from '...'}. */
    private static final Pattern FROM = Pattern.compile(
            "(?m)^\\s*(?:import|export)\\b[^;'\"`]*?\\bfrom\\s*(['\"])([^'\"]+)\\1");
    /** {@code import './x.js'}: imported for its side effects. */
    private static final Pattern BARE = Pattern.compile("(?m)^\\s*import\\s*(['\"])([^'\"]+)\\1");
    /** {@code import(} wherever it is; its argument must be one string literal for the graph to be known. */
    private static final Pattern DYNAMIC = Pattern.compile("\\bimport\\s*\\(");
    private static final Pattern DYNAMIC_LITERAL = Pattern.compile("\\G\\s*(['\"])([^'\"]+)\\1\\s*\\)");

    private final Map<String, List<String>> edges;
    private final List<String> problems;

    private ModuleImportGraph(Map<String, List<String>> edges, List<String> problems) {
        this.edges = edges;
        this.problems = problems;
    }

    /** The graph of every {@code .js} file under {@code root}; {@link java.io.UncheckedIOException} if unreadable. */
    static ModuleImportGraph of(Path root) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".js"))::iterator) {
                sources.put(root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(sources);
    }

    /** The graph of the given modules: path inside the folder ({@code js/app.js}) to source text. */
    static ModuleImportGraph of(Map<String, String> sources) {
        Map<String, List<String>> edges = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        sources.forEach((module, source) -> {
            List<String> targets = new ArrayList<>();
            for (String specifier : specifiers(module, source, problems)) {
                Optional<String> target = resolve(module, specifier);
                if (target.isEmpty()) {
                    problems.add(module + " imports '" + specifier + "', which is not a path inside the dashboard");
                } else if (!sources.containsKey(target.get())) {
                    problems.add(module + " imports '" + specifier + "': " + target.get() + " does not exist");
                } else if (!targets.contains(target.get())) {
                    targets.add(target.get());
                }
            }
            edges.put(module, List.copyOf(targets));
        });
        return new ModuleImportGraph(edges, List.copyOf(problems));
    }

    /** Every module and the modules it imports, in the order of their first import. */
    Map<String, List<String>> edges() {
        return edges;
    }

    /** Imports that point at no module, outside the folder, or at a computed name; empty when all resolve. */
    List<String> problems() {
        return problems;
    }

    /** One cycle, as the modules along it with the first repeated at the end ({@code a -> b -> a}), if any. */
    Optional<List<String>> cycle() {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
        for (String start : edges.keySet()) {
            if (state.containsKey(start)) continue;
            Deque<String> path = new ArrayDeque<>();
            Optional<List<String>> found = visit(start, state, path);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String module, Map<String, Integer> state, Deque<String> path) {
        state.put(module, 1);
        path.addLast(module);
        for (String next : edges.getOrDefault(module, List.of())) {
            Integer seen = state.get(next);
            if (seen == null) {
                Optional<List<String>> found = visit(next, state, path);
                if (found.isPresent()) return found;
            } else if (seen == 1) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String m : path) {
                    in |= m.equals(next);
                    if (in) cycle.add(m);
                }
                cycle.add(next);
                return Optional.of(List.copyOf(cycle));
            }
        }
        path.removeLast();
        state.put(module, 2);
        return Optional.empty();
    }

    private static Set<String> specifiers(String module, String source, List<String> problems) {
        String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(source).replaceAll(" ")).replaceAll("");
        Set<String> found = new LinkedHashSet<>();
        for (Pattern p : List.of(FROM, BARE)) {
            Matcher m = p.matcher(code);
            while (m.find()) found.add(m.group(2));
        }
        Matcher dynamic = DYNAMIC.matcher(code);
        while (dynamic.find()) {
            Matcher literal = DYNAMIC_LITERAL.matcher(code);
            if (literal.find(dynamic.end())) {
                found.add(literal.group(2));
            } else {
                problems.add(module + " has a dynamic import( whose argument is not one string literal, near: "
                        + code.substring(dynamic.start(), Math.min(code.length(), dynamic.end() + 40)).strip());
            }
        }
        return found;
    }

    /** The module a specifier names, seen from {@code module}; empty for bare names and paths leaving the folder. */
    private static Optional<String> resolve(String module, String specifier) {
        String base;
        if (specifier.startsWith("/")) {
            base = specifier.substring(1);
        } else if (specifier.startsWith("./") || specifier.startsWith("../")) {
            int slash = module.lastIndexOf('/');
            base = (slash < 0 ? "" : module.substring(0, slash + 1)) + specifier;
        } else {
            return Optional.empty(); // a bare name ('lodash') needs an import map, which the dashboard has not
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : base.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) return Optional.empty();
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }
}
