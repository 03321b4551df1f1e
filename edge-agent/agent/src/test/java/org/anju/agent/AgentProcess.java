package org.anju.agent;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code anju agent --config SITE} as its own JVM, for tests that kill it the way power loss does. */
final class AgentProcess implements AutoCloseable {
    private static final Pattern API = Pattern.compile("local API on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int apiPort;

    private final java.util.List<String> output;

    private AgentProcess(Process process, int apiPort, java.util.List<String> output) {
        this.process = process;
        this.apiPort = apiPort;
        this.output = output;
    }

    /** What the agent printed so far (its first thousand lines). */
    String output() {
        return String.join("\n", output);
    }

    /**
     * Starts the agent and returns once it prints its local API's address. The JVM compiles with C1
     * only: these agents live seconds between kills, and C2's compiler threads would spend the two
     * cores on code that never runs long enough to pay (AgentCrashLoopTest starts twenty-one). What
     * the agent does is the same; tests of the packaged unit's options pass their own. Its classes
     * come from {@link AgentClassArchive}, made once.
     */
    static AgentProcess start(Path site) throws Exception {
        AgentClassArchive.Launch launch = AgentClassArchive.launch();
        java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of("-XX:TieredStopAtLevel=1"));
        options.addAll(launch.options());
        return start(site, options, launch.classPath());
    }

    /** Starts the agent with these JVM options (e.g. the packaged systemd unit's) and returns once it prints its local API's address. */
    static AgentProcess start(Path site, java.util.List<String> jvmOptions) throws Exception {
        return start(site, jvmOptions, System.getProperty("java.class.path"));
    }

    private static AgentProcess start(Path site, java.util.List<String> jvmOptions, String classPath) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(java.util.List.of("-cp", classPath, AgentMain.class.getName(), "--config", site.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        AtomicReference<Integer> port = new AtomicReference<>();
        java.util.List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (output.size() < 1000) {
                        output.add(line);
                    }
                    Matcher m = API.matcher(line);
                    if (m.find()) {
                        port.set(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (java.io.IOException ignored) {
                // killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> port.get() != null || !process.isAlive());
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        if (port.get() == null) {
            throw new IllegalStateException("the agent stopped with exit code " + process.exitValue());
        }
        return new AgentProcess(process, port.get(), output);
    }

    boolean alive() {
        return process.isAlive();
    }

    int apiPort() {
        return apiPort;
    }

    /** SIGKILL: no shutdown hook, no clean close, no goodbye to the broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the agent did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
