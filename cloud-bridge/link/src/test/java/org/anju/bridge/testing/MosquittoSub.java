package org.anju.bridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code mosquitto_sub} as a child process: what a tool nobody here wrote sees on the
 * broker. Each message is printed as {@code retain qos topic payload} ({@code -F '%r %q %t %p'}).
 */
public final class MosquittoSub implements AutoCloseable {
    /** One message as printed. */
    public record Line(boolean retained, int qos, String topic, String payload) {
    }

    private static final Pattern MESSAGE = Pattern.compile("([01]) ([012]) (\\S+) (.*)");

    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> other = new CopyOnWriteArrayList<>();
    private volatile boolean subscribed;

    public static MosquittoSub start(int port, String... filters) throws IOException {
        // stdbuf: its debug lines (the SUBACK we wait for) are otherwise block-buffered into a pipe
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-V", "mqttv311", "-q", "1", "-d", "-F", "%r %q %t %p"));
        for (String f : filters) {
            command.add("-t");
            command.add(f);
        }
        MosquittoSub sub = new MosquittoSub(new ProcessBuilder(command).redirectErrorStream(true).start());
        await("mosquitto_sub subscribed").atMost(Duration.ofSeconds(10)).until(() -> sub.subscribed
                || !sub.process.isAlive());
        if (!sub.process.isAlive()) {
            throw new IOException("mosquitto_sub exited: " + sub.other);
        }
        return sub;
    }

    private MosquittoSub(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Matcher m = MESSAGE.matcher(line);
                    if (m.matches()) {
                        lines.add(new Line("1".equals(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
                    } else {
                        if (line.contains("SUBACK")) {
                            subscribed = true;
                        }
                        other.add(line);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }, "mosquitto_sub-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public List<Line> lines() {
        return new ArrayList<>(lines);
    }

    public List<Line> on(String topic) {
        return lines.stream().filter(l -> l.topic().equals(topic)).toList();
    }

    /** Waits for a message matching {@code test} and returns it. */
    public Line awaitLine(String what, Predicate<Line> test) {
        await(what).atMost(Duration.ofSeconds(15)).until(() -> lines.stream().anyMatch(test));
        return lines.stream().filter(test).findFirst().orElseThrow();
    }

    /** Debian's {@code mosquitto_pub}: one message, QoS 1, waits for it to be sent. */
    public static void publish(int port, String topic, String payload, boolean retained) throws IOException {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-V", "mqttv311", "-q", "1", "-t", topic, "-m", payload));
        if (retained) {
            command.add("-r");
        }
        MosquittoBroker.run(command.toArray(String[]::new));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
