package org.anju.firmware.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anju.firmware.cli.SimulateCommand;
import org.anju.protocol.lockboard.ChannelStatus;
import org.anju.protocol.lockboard.LockBoardCodec;
import org.anju.protocol.lockboard.LockBoardDecoder;
import org.anju.protocol.lockboard.LockBoardEvent;
import org.anju.protocol.lockboard.LockBoardFrame;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anju simulate pile --listen} as its own process, reached the way installers reach a
 * serial server: a virtual serial port (socat pty to TCP) and an independent master (mbpoll).
 */
@Tag("peer")
@Tag("process")
class SimulateCommandTcpTest {
    private static final Pattern LISTENING = Pattern.compile("listening on tcp://127\\.0\\.0\\.1:(\\d+)");
    @TempDir
    Path dir;
    private Process simulator;
    private Process bridge;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {bridge, simulator}) {
            if (p != null) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process simulate(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SimulateCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits for the line that names the port the simulator chose, and returns that port. */
    private String listeningPort() {
        AtomicReference<String> port = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.set(m.group(1));
                    }
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> port.get() != null);
        return port.get();
    }

    @Test
    void servesThePileOverTcpAtLineSpeed() throws Exception {
        simulator = simulate("pile", "--listen", "tcp://127.0.0.1:0", "--unit", "5", "--ports", "4",
                "--baud", "19200", "--inject", "charge:3");
        String port = listeningPort();

        Path pty = dir.resolve("ttyV0");
        bridge = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + pty, "tcp:127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pty));

        Process mbpoll = new ProcessBuilder("mbpoll", "-m", "rtu", "-a", "5", "-b", "19200", "-P", "none", "-0", "-1",
                "-o", "2", "-t", "0", "-r", "0", "-c", "4", pty.toString()).redirectErrorStream(true).start();
        assertThat(mbpoll.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(mbpoll.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("[0]: \t0", "[1]: \t0", "[2]: \t1", "[3]: \t0");
    }

    @Test
    void servesALockBoardWhoseDoorWasForcedOpen() throws Exception {
        simulator = simulate("lockboard", "--listen", "tcp://127.0.0.1:0", "--unit", "2", "--channels", "8",
                "--inject", "force:5");
        int port = Integer.parseInt(listeningPort());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(LockBoardCodec.encode(new LockBoardFrame.ReadAll(2)));
            LockBoardDecoder decoder = new LockBoardDecoder(LockBoardDecoder.Reads.REPLIES);
            List<LockBoardEvent> events = new java.util.ArrayList<>();
            byte[] buffer = new byte[64];
            socket.setSoTimeout(10_000);
            while (events.isEmpty()) {
                int n = socket.getInputStream().read(buffer);
                assertThat(n).isPositive();
                events.addAll(decoder.feed(buffer, 0, n));
            }
            assertThat(events).hasSize(1).first().isInstanceOf(LockBoardEvent.Frame.class);
            var states = (LockBoardFrame.AllStates) ((LockBoardEvent.Frame) events.get(0)).frame();
            assertThat(states.channels()).hasSize(8);
            assertThat(states.channel(5)).isEqualTo(new ChannelStatus(false, true));
            assertThat(states.channel(4)).isEqualTo(ChannelStatus.LOCKED_CLOSED);
        }
    }

    @Test
    void servesAWholeMeterShedOnOneServerWithInjectionsInSimulatedTime() throws Exception {
        // the charge is due 600 s of simulated time after start: at x600 that is about a second of the wall
        simulator = simulate("meter", "--listen", "tcp://127.0.0.1:0", "--meters", "3", "--relays", "20", "--speed", "600",
                "--inject", "charge:2@600");
        String port = listeningPort();
        Path pty = dir.resolve("ttyShed");
        bridge = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + pty, "tcp:127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pty));

        await().atMost(Duration.ofSeconds(20)).until(() -> mbpoll(pty, "-a", "20", "-t", "0", "-r", "1", "-c", "1").contains("[1]: \t1"));
        String power = mbpoll(pty, "-a", "1:3", "-t", "3:float", "-B", "-r", "8196", "-c", "1");
        assertThat(power).contains("-- Polling slave 1...\n[8196]: \t0\n", "-- Polling slave 3...\n[8196]: \t0\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> mbpoll(pty, "-a", "2", "-t", "4:float", "-B", "-r", "8196", "-c", "1")
                .contains("[8196]: \t0.18\n"));
    }

    @Test
    void servesAMeterThatAnswersOnlyFunction04OnASerialDevice() throws Exception {
        try (SocatPtyPair line = new SocatPtyPair(dir)) {
            simulator = simulate("meter", "--serial", line.deviceEnd().toString(), "--unit", "7", "--function", "4",
                    "--baud", "9600", "--inject", "charge:1:250");
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpoll(line.masterEnd(), "-a", "7", "-t", "3:float", "-B", "-r", "8196",
                    "-c", "1").contains("[8196]: \t0.25\n"));
            // a byte-paced reply can reach mbpoll torn when this machine is starved for a moment; ask again
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpoll(line.masterEnd(), "-a", "7", "-t", "4:float", "-B", "-r",
                    "8196", "-c", "1").toLowerCase(java.util.Locale.ROOT).contains("illegal function"));
        }
    }

    @Test
    void servesATurnstileThatMbpollOpensAndThatCountsThePersonWhoWalksThrough() throws Exception {
        try (SocatPtyPair line = new SocatPtyPair(dir)) {
            simulator = simulate("turnstile", "--serial", line.deviceEnd().toString(), "--unit", "9", "--baud", "9600",
                    "--speed", "10", "--inject", "auto-walk,force-out");
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpoll(line.masterEnd(), "-a", "9", "-t", "3", "-r", "0", "-c", "2")
                    .contains("[0]: \t0\n[1]: \t1\n"));
            // written until mbpoll reads the reply whole (a torn reply on a starved machine may hide a write
            // that did arrive: the lane then lets one more through, so the count below is at least one)
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpollWriting(line.masterEnd(), "1", "-a", "9", "-t", "0", "-r", "0")
                    .contains("Written 1 references"));
            // auto-walk: the person passes a simulated second later (a tenth of one here)
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpoll(line.masterEnd(), "-a", "9", "-t", "3", "-r", "0", "-c", "2")
                    .matches("(?s).*\\[0\\]: \t[1-9]\\d*\n\\[1\\]: \t1\n.*"));
        }
    }

    @Test
    void servesALiftBoardWhoseFloorButtonsMbpollEnables() throws Exception {
        try (SocatPtyPair line = new SocatPtyPair(dir)) {
            simulator = simulate("lift", "--serial", line.deviceEnd().toString(), "--unit", "12", "--channels", "8",
                    "--inject", "press:3");
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpollWriting(line.masterEnd(), "1", "-a", "12", "-t", "0", "-r", "2")
                    .contains("Written 1 references"));
            await().atMost(Duration.ofSeconds(30)).until(() -> mbpoll(line.masterEnd(), "-a", "12", "-t", "0", "-r", "0", "-c", "8")
                    .contains("[0]: \t0\n[1]: \t0\n[2]: \t1\n[3]: \t0\n"));
        }
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try {
                byte[] chunk = new byte[256];
                for (int n; (n = simulator.getInputStream().read(chunk)) > 0; ) {
                    out.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("lift board unit 12, 8 floor buttons"));
        assertThat(out.toString()).contains("floor button 3: dead, the car stays at button 1");
    }

    private static String mbpollWriting(Path pty, String value, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-0", "-1",
                "-o", "1"));
        command.addAll(List.of(args));
        command.add(pty.toString());
        command.add(value);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String mbpoll(Path pty, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-0", "-1",
                "-o", "1"));
        command.addAll(List.of(args));
        command.add(pty.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void helpSaysWhatEachKindTakesAndSucceeds() throws Exception {
        simulator = simulate("--help");
        assertThat(simulator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(simulator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(simulator.exitValue()).isZero();
        assertThat(out).contains("meter       DDSU666-like energy meters", "relays      a Modbus relay board on its own");
    }

    @Test
    void refusesAShedWhoseRelayBoardsWouldSitOnItsMeters() throws Exception {
        simulator = simulate("meter", "--listen", "tcp://127.0.0.1:0", "--meters", "12", "--relays", "10");
        assertThat(simulator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(simulator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(simulator.exitValue()).isEqualTo(2);
        assertThat(out.strip().lines()).containsExactly("anju simulate: relay boards at units 10-11 would share addresses "
                + "with the meters at 1-12; give the boards units of their own, e.g. 20");
    }

    @Test
    void refusesAWrongArgumentWithOneLine() throws Exception {
        simulator = simulate("pile", "--listen", "tcp://127.0.0.1:0", "--inject", "smoke:3");
        assertThat(simulator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(simulator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(simulator.exitValue()).isEqualTo(2);
        assertThat(out.strip().lines()).containsExactly("anju simulate: --inject 'smoke:3': smoke takes no port");
    }
}
