package org.anju.agent;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive of the agent's classes, made once per class path and JVM by an
 * agent that starts and stops cleanly (Java 17 writes a dynamic archive only at a clean exit), so
 * the agents the process tests start map their classes instead of reading and verifying each
 * again: a start took 2.3 s of CPU without it and 1.45 s with it on this machine, and
 * AgentCrashLoopTest alone starts twenty-one, on two cores the rest of the suite shares. The test
 * JVMs of a module share one archive (a file lock makes it once). The archive holds classes from
 * jars only, so these agents run from what the build packaged, the agent's jar and its runtime
 * class path ({@code target/classpath.txt}), as {@code ./anju agent} does; before the module is
 * packaged, or where the archive cannot be made, they run from the test class path without it,
 * and the reason is printed.
 */
final class AgentClassArchive {
    private static final String SITE = """
            gateway: {id: gw-archive, gpio: mock, dataDir: data}
            park: {id: test-park, broker: tcp://park-broker.invalid}
            endpoints:
              localApi: {bind: 127.0.0.1, port: 0}
            """;
    private static Launch launch;

    /** How to start an agent: from this class path with these JVM options. */
    record Launch(String classPath, List<String> options) {
    }

    private AgentClassArchive() {
    }

    /** The packaged class path and the archive's options, or the test class path and none. */
    static synchronized Launch launch() {
        if (launch == null) {
            launch = packagedClassPath().flatMap(classPath -> made(classPath)
                    .map(archive -> new Launch(classPath, List.of("-XX:SharedArchiveFile=" + archive))))
                    .orElse(new Launch(System.getProperty("java.class.path"), List.of()));
        }
        return launch;
    }

    private static Optional<String> packagedClassPath() {
        Path target;
        try {
            // the agent module's target folder, wherever the test runs: its classes or its jar are on this class path
            target = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (var jars = Files.list(target)) {
            Path jar = jars.filter(f -> f.getFileName().toString().matches("edge-agent-.*\\.jar")
                    && !f.getFileName().toString().endsWith("-tests.jar")).findFirst().orElseThrow();
            return Optional.of(jar + File.pathSeparator + Files.readString(target.resolve("classpath.txt")).trim());
        } catch (Exception e) {
            System.err.println("agents start from the test class path, without a class archive: the module is not packaged in " + target);
            return Optional.empty();
        }
    }

    private static Optional<Path> made(String classPath) {
        // the JVM refuses an archive whose jars changed since it was made, so a rebuilt jar names a new one
        StringBuilder identity = new StringBuilder(System.getProperty("java.vm.version"));
        for (String entry : classPath.split(File.pathSeparator)) {
            File jar = new File(entry);
            identity.append('|').append(entry).append(':').append(jar.lastModified()).append(':').append(jar.length());
        }
        String key = Integer.toHexString(identity.toString().hashCode());
        Path folder = Path.of(classPath.substring(0, classPath.indexOf(File.pathSeparator))).resolveSibling("class-archives");
        Path archive = folder.resolve("agent-" + key + ".jsa");
        try {
            Files.createDirectories(folder);
            try (FileChannel lockFile = FileChannel.open(folder.resolve("agent-" + key + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
                if (!Files.isRegularFile(archive)) {
                    dump(classPath, archive);
                }
            }
            return Optional.of(archive);
        } catch (Exception e) {
            System.err.println("agents start without a class archive: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Runs an agent with no devices until its API is up, stops it with SIGTERM and keeps what it dumped. */
    private static void dump(String classPath, Path archive) throws Exception {
        Path dir = Files.createTempDirectory("agent-archive");
        Path site = Files.writeString(dir.resolve("site.yaml"), SITE);
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        Files.deleteIfExists(partial); // an interrupted dump's, which the JVM writes read-only
        Path said = dir.resolve("agent.out");
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + partial, "-cp", classPath,
                AgentMain.class.getName(), "--config", site.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(said.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !agent.isAlive() || Files.readString(said).contains("local API on"));
            if (!agent.isAlive()) {
                throw new IOException("the agent stopped before its API was up: " + Files.readString(said));
            }
            agent.destroy();
            if (!agent.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("the agent did not stop within 60 s of SIGTERM");
            }
        } finally {
            agent.destroyForcibly();
        }
        if (!Files.isRegularFile(partial)) {
            throw new IOException("the agent exited " + agent.exitValue() + " and wrote no archive");
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
