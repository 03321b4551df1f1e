package org.anju.agent.coap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code coap-client-openssl} (libcoap, a CoAP stack nobody here wrote) as a lock: one
 * process per request, DTLS-PSK with the lock's identity and key, or a long-running observe whose
 * notifications are collected a line each.
 */
public final class LibcoapClient {
    private static final String BINARY = "/usr/bin/coap-client-openssl";

    /** How a request ended: the exit status, what it printed (the payload) and its diagnostics. */
    public record Result(int exit, String output, String errors) {
    }

    private final String identity;
    private final String key;
    private final String base;

    /** {@code key} must be printable: coap-client takes it as text. */
    public LibcoapClient(String identity, String key, int port) {
        this.identity = identity;
        this.key = key;
        this.base = "coaps://127.0.0.1:" + port;
    }

    /** A PUT or POST with a JSON payload; gives up after 5 s (a refused handshake gets no answer). */
    public Result send(String method, String path, String json) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command("-m", method, "-t", "json", "-e", json, "-B", "5", base + path)).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("coap-client did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip(), new String(err, StandardCharsets.UTF_8));
    }

    /** Observes {@code path} for {@code seconds}; each notification's payload arrives as a line. */
    public Observation observe(String path, int seconds) throws IOException {
        Process p = new ProcessBuilder(command("-s", Integer.toString(seconds), "-w", base + path))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Observation observation = new Observation(p);
        Thread reader = new Thread(observation::read, "coap-client-observe");
        reader.setDaemon(true);
        reader.start();
        return observation;
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY, "-u", identity, "-k", key));
        command.addAll(List.of(args));
        return command;
    }

    /** A running observe; close stops the process. */
    public static final class Observation implements AutoCloseable {
        private final Process process;
        private final List<String> notifications = new CopyOnWriteArrayList<>();

        private Observation(Process process) {
            this.process = process;
        }

        public List<String> notifications() {
            return notifications;
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        notifications.add(line.strip());
                    }
                }
            } catch (IOException e) {
                // the process was stopped: nothing more to read
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
