package org.anju.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Python program written against a library nobody here wrote (Debian's python3-pymodbus), run
 * by Debian's /usr/bin/python3 as a peer of a test: a Modbus slave on a pty, or an encoder asked
 * one line at a time. The program prints READY when it is; every later line of its output is an
 * answer, read in order.
 */
public final class PythonPeer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> said = new ArrayList<>();

    private PythonPeer(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (said) {
                        said.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the peer was stopped
            }
        }, "python-peer");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code script} (relative to the module, e.g. src/test/resources/interop/x.py) and waits for its READY. */
    public static PythonPeer start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, Path.of(script).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        PythonPeer peer = new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> "READY".equals(peer.lines.poll(100, TimeUnit.MILLISECONDS))
                    || !peer.process.isAlive());
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
        if (!peer.process.isAlive()) {
            throw new IllegalStateException(script + " stopped before it was ready: " + peer.output());
        }
        return peer;
    }

    /** Sends one line and returns the peer's one-line answer. */
    public String ask(String line) throws IOException, InterruptedException {
        in.write(line + "\n");
        in.flush();
        String answer = lines.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new IllegalStateException("no answer to '" + line + "'; the peer said: " + output());
        }
        return answer;
    }

    /** Everything the peer printed so far, for messages. */
    public String output() {
        synchronized (said) {
            return String.join("\n", said);
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
