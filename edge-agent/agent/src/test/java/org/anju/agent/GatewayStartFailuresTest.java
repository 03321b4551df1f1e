package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.Site;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway's start failing at each stage in turn, as it fails on a gateway (a bad key file, the
 * API's port taken, a signing key others can read) or by a stage that throws: the start answers
 * Failed naming the stage, and nothing it opened is left: no thread, no listening port, no file
 * of the data folder held open, the database writable from a fresh connection, and the same pins
 * claimed and working by a gateway started next on the same site.
 */
@Tag("wire")
class GatewayStartFailuresTest {
    private static final int EXIT_BUTTON = 22;

    @TempDir
    Path dir;
    private int apiPort;
    private int busPort;

    @BeforeEach
    void files() throws Exception {
        apiPort = freePort();
        busPort = freePort(); // nothing answers there: the bus's thread keeps trying, as with a pile switched off
        Path keys = Files.writeString(dir.resolve("lock-keys.psk"),
                "lock-701: " + HexFormat.of().formatHex("0123456789abcdef".getBytes()) + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("offline-pin.key"), "07".repeat(32));
        // brings up what the JVM starts once and keeps (its process reaper, a cleaner), which is not a gateway's
        try (RunningGateway warmUp = RunningGateway.start(siteFile(0))) {
            assertThat(warmUp.gateway().problems()).isEmpty();
        }
    }

    @Test
    void anOfflinePinKeyFileThatIsNotASecretStopsAtTheSecrets() throws Exception {
        Files.writeString(dir.resolve("offline-pin.key"), "not hex at all");
        Failure failure = startFailing(GatewayAssembly.Faults.NONE);
        assertThat(failure.stage()).isEqualTo("secrets");
        assertThat(failure.reason()).contains("park.offlinePinKeyFile").contains("offline-pin.key");
    }

    @Test
    void theLocalApisPortTakenStopsAtTheLocalApiWithEverythingBeforeItClosed() throws Exception {
        ServerSocket taken = new ServerSocket(apiPort, 50, InetAddress.getLoopbackAddress());
        Failure failure = startFailing(GatewayAssembly.Faults.NONE, taken);
        assertThat(failure.stage()).isEqualTo("local API");
        assertThat(failure.reason()).containsIgnoringCase("address already in use");
    }

    @Test
    void aSigningKeyOthersCanReadMakesTheUplinkRefuseAndTheRestIsClosed() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("gateway.key"), "not a key");
        Files.setPosixFilePermissions(data.resolve("gateway.key"), PosixFilePermissions.fromString("rw-r--r--"));
        Failure failure = startFailing(GatewayAssembly.Faults.NONE);
        assertThat(failure.stage()).isEqualTo("park link");
        assertThat(failure.reason()).contains("gateway.key").contains("chmod 600");
        Files.delete(data.resolve("gateway.key")); // the next start makes a new identity
    }

    /** A stage that throws, for the stages a test machine cannot make fail on their own. */
    @ParameterizedTest
    @EnumSource(GatewayAssembly.Stage.class)
    void aStageThatThrowsIsNamedAndWhatCameBeforeItIsClosed(GatewayAssembly.Stage failing) throws Exception {
        Failure failure = startFailing(stage -> {
            if (stage == failing) {
                throw new IllegalStateException("the test breaks the " + stage.label + " stage");
            }
        });
        assertThat(failure.stage()).isEqualTo(failing.label);
        assertThat(failure.reason()).contains("its " + failing.label + " stage failed")
                .contains("the test breaks the " + failing.label + " stage");
    }

    private record Failure(String stage, String reason) {
    }

    private Failure startFailing(GatewayAssembly.Faults faults) throws Exception {
        return startFailing(faults, () -> { });
    }

    /**
     * Starts the gateway expecting it to fail (then takes {@code obstacle} away), checks that nothing
     * it opened is left, then that the site starts.
     */
    private Failure startFailing(GatewayAssembly.Faults faults, AutoCloseable obstacle) throws Exception {
        Site site = site();
        DataFolder data = DataFolder.create(site.gateway().dataDir());
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        GatewayDatabase database = ((OpenResult.Opened) GatewayDatabase.open(data.database())).database();
        Gateway.Start start = GatewayAssembly.start(site, data, database, Clock.systemUTC(), SteadyTime.from(Clock.systemUTC()),
                faults);
        obstacle.close();
        try {
            assertThat(start).as(start.toString()).isInstanceOf(Gateway.Start.Failed.class);
            assertThat(writeFromAFreshConnection(data.database())).as("a write beside the failed gateway").isTrue();
        } finally {
            database.close();
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(newThreads(before)).as("threads left by the failed start").isEmpty());
        assertThat(filesHeldOpenIn(data.dir())).as("files of the data folder still open").isEmpty();
        try (ServerSocket api = new ServerSocket(apiPort, 50, InetAddress.getLoopbackAddress())) {
            assertThat(api.getLocalPort()).as("the local API's port is free again").isEqualTo(apiPort);
        }
        startsAndItsPinsWork();
        Gateway.Start.Failed failed = (Gateway.Start.Failed) start;
        return new Failure(failed.stage(), failed.reason());
    }

    /** The same site, its key files fixed, starts with every pin claimed and the exit button working. */
    private void startsAndItsPinsWork() throws Exception {
        Files.writeString(dir.resolve("offline-pin.key"), "07".repeat(32));
        Path key = dir.resolve("data").resolve("gateway.key");
        if (Files.exists(key) && !Files.readString(key).contains("PRIVATE KEY")) {
            Files.delete(key);
        }
        try (RunningGateway running = RunningGateway.start(siteFile())) {
            Gateway gateway = running.gateway();
            assertThat(gateway.problems()).as("pins and parts the second start could not claim").isEmpty();
            gateway.gpioSimulator().orElseThrow().driveInput(EXIT_BUTTON, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> GatewayProbe.hasEvent(gateway, "door.exit_granted", "entrance"));
        }
    }

    private Site site() throws IOException {
        LoadResult loaded = SiteLoader.load(siteFile());
        assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) loaded).site();
    }

    private Path siteFile() throws IOException {
        return siteFile(apiPort);
    }

    private Path siteFile(int localApiPort) throws IOException {
        return Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-stages, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883, offlinePinKeyFile: offline-pin.key}
                buses:
                  - id: piles
                    port: tcp://127.0.0.1:%d
                    responseTimeout: 100ms
                    retries: 0
                    pollInterval: 200ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]
                doors:
                  - id: entrance
                    building: "7"
                    floor: "1"
                    entrance: main
                    lock: {gpio: {profile: gpio-maglock-fail-safe}}
                    reader: {profile: wiegand-26-reader}
                  - {id: room-701, building: "7", floor: "7", room: "701", lock: {wireless: {profile: anju-coap-room-lock, endpoint: lock-701}}}
                alarmInputs:
                  - {id: shed-smoke, kind: smoke, pin: 23, activeLevel: low}
                chargingAreas:
                  - id: bike-shed
                    piles: [pile-1]
                    alarmInputs: [shed-smoke]
                    onFireAlarm: {cut: area, release: [entrance], restore: manual}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: %d}
                  coap: {bind: 127.0.0.1, port: 0, pskFile: lock-keys.psk}
                """.formatted(busPort, localApiPort));
    }

    /** Threads started since {@code before} and still alive, but the JVM's shared pools (not the gateway's to stop). */
    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("ForkJoinPool.commonPool"))
                .sorted().toList();
    }

    /** The files under {@code folder} this process holds open (its file descriptors, as Linux lists them). */
    private static List<Path> filesHeldOpenIn(Path folder) throws IOException {
        Path real = folder.toRealPath();
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.collect(Collectors.toList())) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // closed while listed (the listing's own descriptor among them)
                }
            }
        }
        return open;
    }

    private static boolean writeFromAFreshConnection(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("CREATE TABLE IF NOT EXISTS probe (at INTEGER)");
            return s.executeUpdate("INSERT INTO probe VALUES (1)") == 1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
