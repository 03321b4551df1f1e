package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.anju.agent.gpio.GpioSimulator;
import org.anju.agent.store.OutboxEvent;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.SerialDeviceLink;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * The whole gateway from a site file: a pile on a TCP serial server, a lock board on a socat pty,
 * the entrance maglock, its card reader and the bike shed's smoke detector on Pi4J's mock GPIO.
 */
@Tag("peer")
@Tag("wire")
class GatewayTest {
    private static final int D0 = 5;
    private static final int D1 = 6;
    private static final int EXIT_BUTTON = 22;
    private static final int SMOKE = 23;

    @TempDir
    Path dir;
    private final PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
    private final LockBoardSimulator board = new LockBoardSimulator(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private TcpSerialServer pileServer;
    private SocatPtyPair boardLine;
    private SerialDeviceLink boardLink;
    private RunningGateway running;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        pileServer = TcpSerialServer.onFreeLoopbackPort(pile.onLine(1));
        boardLine = new SocatPtyPair(dir);
        boardLink = new SerialDeviceLink(boardLine.deviceEnd(), 9600, board, LinePacing.atBaud(9600), 10_000_000L, timer);
        Path siteFile = dir.resolve("site.yaml");
        Files.writeString(siteFile, """
                gateway: {id: gw-test, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker in these runs: nothing may wait on the park
                buses:
                  - id: locks
                    port: %s
                    pollInterval: 100ms
                    devices: [{id: board-1, profile: lockboard-8a-16, address: 1}]
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
                  - {id: room-101, building: "7", floor: "1", room: "101", lock: {lockBoard: {device: board-1, channel: 1}}}
                alarmInputs:
                  - {id: shed-smoke, kind: smoke, pin: %d, activeLevel: low}
                chargingAreas:
                  - id: bike-shed
                    piles: [pile-1]
                    alarmInputs: [shed-smoke]
                    onFireAlarm: {cut: area, release: [entrance], restore: manual}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(boardLine.masterEnd(), pileServer.port(), SMOKE));
        running = RunningGateway.start(siteFile);
        gateway = running.gateway();
        assertThat(gateway.problems()).isEmpty();
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        boardLink.close();
        boardLine.close();
        pileServer.close();
        timer.shutdownNow();
    }

    private List<OutboxEvent> events() {
        return GatewayProbe.events(gateway);
    }

    private boolean hasEvent(String type, String contains) {
        return GatewayProbe.hasEvent(gateway, type, contains);
    }

    private JsonObject command(JsonObject body) throws Exception {
        return GatewayProbe.command(gateway, body);
    }

    private GpioSimulator gpio() {
        return gateway.gpioSimulator().orElseThrow();
    }

    /** A card swiped at the reader: each bit a short low pulse on D0 (a 0) or D1 (a 1). */
    private void swipe(int facility, int number) {
        GatewayProbe.swipeAtDoor(gateway, D0, D1, facility, number);
    }

    @Test
    void aRegisteredCardOpensTheEntranceAndAnUnknownOneIsDeniedWithItsReason() throws Exception {
        JsonObject put = command(new JsonObject("""
                {"id":"r1","kind":"roster.put","tenant":"t-7","room":"301","validFrom":"2020-01-01T00:00:00Z",
                 "validUntil":"2099-01-01T00:00:00Z","doors":["entrance"],"cards":[{"facility":12,"number":3456}]}"""));
        assertThat(put.getString("result")).isEqualTo("done");

        swipe(12, 3456);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.access_granted", "\"tenantId\":\"t-7\""));

        swipe(12, 3457);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.access_denied", "UNKNOWN_CREDENTIAL"));
        assertThat(events()).filteredOn(e -> e.type().startsWith("door.access"))
                .extracting(e -> e.priority().name()).containsOnly("ACCESS");
    }

    @Test
    void aJammedLockOnTheBoardIsNeverAnsweredOpenedAndTheBoardReportsItLocked() throws Exception {
        board.jam(1);
        JsonObject reply = command(new JsonObject().put("id", "j1").put("kind", "door.open").put("door", "room-101"));
        assertThat(reply.getString("result")).as(reply.encode()).isEqualTo("device-offline");
        assertThat(reply.getString("reason")).contains("did not release");
        assertThat(board.status(1).unlocked()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.unlock_failed", "room-101"));
    }

    @Test
    void aParkCommandOpensARoomDoorOnTheLockBoardOverThePty() throws Exception {
        JsonObject reply = command(new JsonObject().put("id", "c1").put("kind", "door.open").put("door", "room-101")
                .put("who", "tenant-9"));
        assertThat(reply).isEqualTo(new JsonObject().put("id", "c1").put("result", "opened"));
        assertThat(board.status(1).unlocked()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.unlocked", "\"requestId\":\"c1\""));
    }

    @Test
    void aRoomDoorOpenedAfterAGrantIsRoutineButForcedOpenIsAnAlarmAtOnce() throws Exception {
        command(new JsonObject().put("id", "g1").put("kind", "door.open").put("door", "room-101").put("who", "t-9"));
        board.openDoor(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.opened", "\"authorised\":true"));
        board.close(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.closed", "room-101"));
        assertThat(events()).noneMatch(e -> e.priority().name().equals("ALARM"));

        board.forceOpen(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.forced_open", "room-101"));
        assertThat(events()).filteredOn(e -> e.type().equals("door.forced_open")).first()
                .extracting(e -> e.priority().name()).isEqualTo("ALARM");
    }

    @Test
    void theExitButtonLetsSomeoneOutWithoutACredential() {
        gpio().driveInput(EXIT_BUTTON, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.exit_granted", "entrance"));
    }

    @Test
    void smokeInTheBikeShedRaisesAFireAlarmAndReleasesTheEgressDoorUntilAcknowledged() throws Exception {
        gpio().driveInput(SMOKE, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("fire.alarm", "\"active\":true")
                && hasEvent("door.fire_released", "entrance"));
        assertThat(gateway.doors().get("entrance").phase().name()).contains("FIRE");

        gpio().driveInput(SMOKE, true);
        // the door hears the all-clear itself (it refuses an acknowledgement before: a stale one would relock it unseen)
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("fire.alarm", "\"active\":false")
                && hasEvent("door.fire_alarm_cleared", "entrance"));
        JsonObject ack = command(new JsonObject().put("id", "a1").put("kind", "door.acknowledge-fire")
                .put("door", "entrance").put("who", "officer-2"));
        assertThat(ack.getString("result")).isEqualTo("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.fire_release_ended", "officer-2"));
    }

    @Test
    void aPileThatStopsAnsweringGoesOfflineAndComesBackOnlineWhileTheGpioEntranceWorksOn() throws Exception {
        pile.silenceUnit(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasEvent("device.offline", "unit 1"));
        // the bus retrying a silent unit must not hold up a door on the gateway's own pins
        JsonObject opened = command(new JsonObject().put("id", "g1").put("kind", "door.open").put("door", "entrance"));
        assertThat(opened.getString("result")).as("a GPIO maglock cannot report; the reply says so").isEqualTo("sent");
        assertThat(gpio().outputLevel(17)).as("the maglock's relay (active high, on = locked) was released").isFalse();
        pile.silenceUnit(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("device.online", "unit 1"));
    }

    @Test
    void aMalformedCommandIsRejectedWithTheReasonAndChangesNothing() throws Exception {
        int before = events().size();
        JsonObject reply = command(new JsonObject().put("id", "x1").put("kind", "roster.put").put("tenant", "t-1"));
        assertThat(reply.getString("result")).isEqualTo("rejected");
        assertThat(reply.getString("reason")).contains("validFrom");
        JsonObject unknown = command(new JsonObject().put("id", "x2").put("kind", "door.explode").put("door", "entrance"));
        assertThat(unknown.getString("reason")).contains("unknown kind 'door.explode'");
        assertThat(events()).hasSize(before);
    }
}
