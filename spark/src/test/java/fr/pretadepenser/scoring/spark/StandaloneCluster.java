package fr.pretadepenser.scoring.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine, for tests: a Master and Workers in child JVMs started from Spark's own
 * classes, and {@code spark-submit} ({@code org.apache.spark.deploy.SparkSubmit}) in a child JVM. Its installation
 * is a folder laid out as a Spark distribution ({@code jars/} holding the given class path), which is where the
 * Workers find the class path of the executors and drivers they launch: the application's own classes come only
 * from the jar submitted.
 */
final class StandaloneCluster implements AutoCloseable {

    /** Spark 3.5 on Java 17 reads JDK internals (what Spark's launch scripts add). */
    static final List<String> JAVA_17_OPENS = List.of("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED");

    private static final Duration START = Duration.ofSeconds(60);
    private static final String DAEMON_HEAP = "256m";

    private final Path home;
    private final Path logs;
    private final List<Process> daemons = new ArrayList<>();
    private final int masterPort;

    private StandaloneCluster(Path home, Path logs, int masterPort) {
        this.home = home;
        this.logs = logs;
        this.masterPort = masterPort;
    }

    /**
     * Lays out the installation under {@code work} and starts a Master and {@code workers} Workers, each with
     * {@code cores} cores and {@code memory} (e.g. "1g"), waiting until every Worker has registered.
     *
     * @param sparkClassPath the jars a Spark installation provides (Spark, Scala, Hadoop and their libraries)
     */
    static StandaloneCluster start(Path work, List<Path> sparkClassPath, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(work.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path jar : sparkClassPath) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        Path logs = Files.createDirectories(work.resolve("logs"));
        StandaloneCluster cluster = new StandaloneCluster(home, logs, freePort());
        try {
            cluster.daemons.add(cluster.launch("master", DAEMON_HEAP, List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(freePort()))));
            cluster.awaitLog("master", "I have been elected leader");
            for (int i = 1; i <= workers; i++) {
                Files.createDirectories(work.resolve("worker-" + i));
                cluster.daemons.add(cluster.launch("worker-" + i, DAEMON_HEAP, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory,
                        "--work-dir", work.resolve("worker-" + i).toString(),
                        "--webui-port", String.valueOf(freePort()), cluster.masterUrl())));
            }
            for (int i = 1; i <= workers; i++) {
                cluster.awaitLog("worker-" + i, "Successfully registered with master");
            }
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /**
     * Runs {@code spark-submit} with these arguments (options, the application jar, the job's arguments) and waits
     * for it; the output goes to {@code logs/<name>.log}.
     *
     * @return the exit status
     */
    int submit(String name, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit"));
        command.addAll(arguments);
        // In client mode this JVM is the driver.
        Process submit = launch(name, "1g", command);
        if (!submit.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            submit.destroyForcibly();
            throw new IllegalStateException("spark-submit " + name + " did not end within " + timeout + "; "
                    + tail(name));
        }
        return submit.exitValue();
    }

    /** A process's first errors and last lines, for failure messages. */
    String tail(String name) throws IOException {
        List<String> lines = Files.readAllLines(logs.resolve(name + ".log"), StandardCharsets.UTF_8);
        List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ") || l.startsWith("Caused by")
                || l.contains("Exception:")).limit(15).toList();
        return "first errors of " + logs.resolve(name + ".log") + ":\n" + String.join("\n", errors)
                + "\nlast lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).destroy();
        }
        for (Process daemon : daemons) {
            try {
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                daemon.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process launch(String name, String heap, List<String> mainAndArguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JAVA_17_OPENS);
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OMP_WAIT_POLICY", "passive");
        env.remove("SPARK_CONF_DIR");
        return builder.start();
    }

    private void awaitLog(String name, String line) throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not log '" + line + "' within " + START + "; " + tail(name));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
