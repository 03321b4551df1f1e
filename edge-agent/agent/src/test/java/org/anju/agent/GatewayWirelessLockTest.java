package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.anju.agent.coap.LibcoapClient;
import org.anju.agent.coap.TestLock;
import org.anju.agent.door.DoorPhase;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.testing.MutableClock;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.Site;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * The whole gateway with two wireless room doors: locks on Californium clients over DTLS-PSK
 * talk to the agent's CoAP endpoint, and the doors behave as any other door (cards, remote
 * opens, door events), with a clock the test moves for the locks' silence. Two tests are Debian's
 * {@code coap-client} (libcoap3-bin) as a lock.
 */
@Tag("wire")
class GatewayWirelessLockTest {
    private static final int D0 = 5;
    private static final int D1 = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    // printable, so Debian's coap-client can take the same key with -k
    private final byte[] key701 = printableKey();
    private final byte[] key702 = printableKey();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T02:00:00Z"));
    private final List<TestLock> locks = new CopyOnWriteArrayList<>();
    private GatewayDatabase database;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        Path keys = dir.resolve("lock-keys.psk");
        Files.writeString(keys, "# the locks' keys\nlock-701: " + HexFormat.of().formatHex(key701) + "\nlock-702: "
                + HexFormat.of().formatHex(key702) + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Path siteFile = dir.resolve("site.yaml");
        Files.writeString(siteFile, """
                gateway: {id: gw-wireless, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}
                doors:
                  - id: room-701
                    building: A
                    floor: "7"
                    room: "701"
                    lock: {wireless: {profile: anju-coap-room-lock, endpoint: lock-701}}
                    reader: {profile: wiegand-26-reader, d0: %d, d1: %d}
                  - {id: room-702, building: A, floor: "7", room: "702", lock: {wireless: {profile: anju-coap-room-lock, endpoint: lock-702}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                  coap: {bind: 127.0.0.1, port: 0, pskFile: lock-keys.psk}
                """.formatted(D0, D1));
        LoadResult loaded = SiteLoader.load(siteFile);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadResult.Loaded.class);
        Site site = ((LoadResult.Loaded) loaded).site();
        DataFolder data = DataFolder.create(site.gateway().dataDir());
        database = ((OpenResult.Opened) GatewayDatabase.open(data.database())).database();
        Gateway.Start started = Gateway.start(site, data, database, clock);
        assertThat(started).as(started.toString()).isInstanceOf(Gateway.Start.Started.class);
        gateway = ((Gateway.Start.Started) started).gateway();
        assertThat(gateway.problems()).isEmpty();
        assertThat(gateway.doors()).containsKeys("room-701", "room-702");
        assertThat(gateway.coapPort()).isPresent();
    }

    @AfterEach
    void stop() {
        locks.forEach(TestLock::close);
        if (gateway != null) {
            gateway.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    private static byte[] printableKey() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        byte[] key = new byte[24];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return key;
    }

    private TestLock lock(String identity, byte[] key) {
        TestLock lock = new TestLock(identity, key, gateway.coapPort().getAsInt(), 10_000);
        locks.add(lock);
        return lock;
    }

    private LibcoapClient libcoap(String identity, byte[] key) {
        return new LibcoapClient(identity, new String(key, StandardCharsets.US_ASCII), gateway.coapPort().getAsInt());
    }

    /** A lock's firmware: observes its commands and reports its bolt where each command put it. */
    private TestLock obedientLock(String identity, byte[] key, List<String> commandsSeen) {
        TestLock lock = lock(identity, key);
        assertThat(lock.post("/register", "{\"endpoint\":\"" + identity + "\",\"firmware\":\"2.4.1\"}").code()).isEqualTo("2.01");
        lock.observe("/lock/command", reply -> {
            JsonObject command = new JsonObject(reply.text());
            commandsSeen.add(reply.text());
            String bolt = switch (command.getString("command")) {
                case "unlock", "hold" -> "unlocked";
                case "lock" -> "locked";
                default -> null;
            };
            if (bolt != null) {
                // not on the client's notification thread, which the answer to this PUT needs
                CompletableFuture.runAsync(() -> lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"" + bolt + "\"}"));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !commandsSeen.isEmpty());
        return lock;
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

    private void swipe(int facility, int number) {
        GatewayProbe.swipeAtDoor(gateway, D0, D1, facility, number);
    }

    @Test
    void aRemoteOpenReachesTheObservingLockAndIsAnsweredWhenItsBoltIsBack() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        obedientLock("lock-701", key701, seen);
        assertThat(seen.get(0)).contains("\"command\":\"none\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.registered", "\"firmware\":\"2.4.1\""));

        JsonObject reply = command(new JsonObject().put("id", "w1").put("kind", "door.open").put("door", "room-701").put("who", "op-1"));

        assertThat(reply).isEqualTo(new JsonObject().put("id", "w1").put("result", "opened"));
        assertThat(seen).anySatisfy(c -> assertThat(new JsonObject(c).getString("command")).isEqualTo("unlock"));
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.unlocked", "\"requestId\":\"w1\""));
    }

    @Test
    void aCardAtTheWirelessDoorOpensItAndTheLocksDoorSensorFeedsTheDoorEvents() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        TestLock lock = obedientLock("lock-701", key701, seen);
        JsonObject put = command(new JsonObject("""
                {"id":"r1","kind":"roster.put","tenant":"t-7","room":"701","validFrom":"2020-01-01T00:00:00Z",
                 "validUntil":"2099-01-01T00:00:00Z","doors":["room-701"],"cards":[{"facility":12,"number":3456}]}"""));
        assertThat(put.getString("result")).isEqualTo("done");

        swipe(12, 3456);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.access_granted", "\"tenantId\":\"t-7\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(c -> c.contains("\"unlock\"")));
        assertThat(lock.put("/lock/state", "{\"door\":\"open\",\"bolt\":\"unlocked\"}").code()).isEqualTo("2.04");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.opened", "\"authorised\":true"));
        assertThat(lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\"}").code()).isEqualTo("2.04");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.closed", "room-701"));
        assertThat(events()).noneMatch(e -> e.priority().name().equals("ALARM"));

        assertThat(lock.put("/lock/state", "{\"door\":\"open\",\"bolt\":\"locked\"}").code()).isEqualTo("2.04");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("door.forced_open", "room-701"));
    }

    @Test
    void anOpenNoLockHearsTimesOutAndALockWakingLaterFindsNothingToDo() throws Exception {
        JsonObject reply = command(new JsonObject().put("id", "w2").put("kind", "door.open").put("door", "room-702").put("who", "op-1"));
        assertThat(reply.getString("result")).isEqualTo("timed-out");

        List<String> seen = new CopyOnWriteArrayList<>();
        obedientLock("lock-702", key702, seen);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).contains("\"command\":\"none\"");
        assertThat(hasEvent("door.unlocked", "\"requestId\":\"w2\"")).isTrue();
        assertThat(hasEvent("door.unlock_failed", "room-702")).isTrue();
    }

    @Test
    void aSilentLockGoesOfflineOnceAsAnAlarmAndIsBackAtItsNextReport() throws Exception {
        TestLock lock = lock("lock-701", key701);
        assertThat(lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\",\"battery\":80}").code()).isEqualTo("2.04");

        clock.advance(Duration.ofMinutes(34));
        assertThat(lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\"}").code()).isEqualTo("2.04");
        clock.advance(Duration.ofMinutes(34));
        // lock-702 never reported: silent since the gateway started, 68 min ago; lock-701 only for 34
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.offline", "lock-702"));
        assertThat(hasEvent("device.offline", "lock-701")).isFalse();

        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.offline", "lock-701"));
        assertThat(events()).filteredOn(e -> e.type().equals("device.offline"))
                .hasSize(2).allSatisfy(e -> assertThat(e.priority().name()).isEqualTo("ALARM"))
                .anySatisfy(e -> assertThat(e.payload()).contains("\"door\":\"room-701\"", "no report for 36 min"));
        JsonObject refused = command(new JsonObject().put("id", "w3").put("kind", "door.open").put("door", "room-701").put("who", "op-1"));
        assertThat(refused.getString("result")).isEqualTo("device-offline");
        assertThat(refused.getString("reason")).contains("lock-701 is offline");

        assertThat(lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\"}").code()).isEqualTo("2.04");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.online", "lock-701"));
        assertThat(events()).filteredOn(e -> e.type().equals("device.offline")).hasSize(2);
    }

    @Test
    void aLowBatteryRaisesOneMaintenanceEventClearedWhenTheBatteryIsBack() {
        TestLock lock = lock("lock-701", key701);
        assertThat(lock.put("/dev/battery", "{\"battery\":19}").code()).isEqualTo("2.04");
        assertThat(lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\",\"battery\":17}").code()).isEqualTo("2.04");
        assertThat(lock.put("/dev/battery", "{\"battery\":22}").code()).isEqualTo("2.04");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.battery_low", "\"percent\":19"));
        assertThat(events()).filteredOn(e -> e.type().equals("device.battery_low")).singleElement()
                .satisfies(e -> assertThat(e.priority().name()).isEqualTo("STATE"))
                .satisfies(e -> assertThat(e.payload()).contains("\"door\":\"room-701\"", "\"threshold\":20"));
        assertThat(hasEvent("device.battery_recovered", "lock-701")).isFalse();

        assertThat(lock.put("/dev/battery", "{\"battery\":96}").code()).isEqualTo("2.04");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.battery_recovered", "\"percent\":96"));
    }

    @Test
    void aMalformedOrOversizedPayloadIsRefusedWithItsReasonAndChangesNothing() {
        TestLock lock = lock("lock-701", key701);
        assertThat(lock.put("/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\"}").code()).isEqualTo("2.04");
        int before = events().size();

        assertThat(lock.put("/lock/state", "{\"door\":\"ajar\",\"bolt\":\"locked\"}"))
                .isEqualTo(new TestLock.Reply("4.00", "field 'door' is \"ajar\"; expected one of \"open\", \"closed\""));
        assertThat(lock.put("/lock/state", "{\"door\":\"open\",\"bolt\":\"locked\",\"batery\":5}").text())
                .isEqualTo("unknown field 'batery'; the fields are battery, bolt, door");
        assertThat(lock.put("/dev/battery", "{\"battery\":5").code()).isEqualTo("4.00");
        assertThat(lock.put("/dev/battery", "{\"battery\":500}").text()).isEqualTo("field 'battery' is 500; expected a whole percent from 0 to 100");
        assertThat(lock.put("/lock/state", "{\"door\":\"open\",\"bolt\":\"locked\",\"pad\":\"" + "x".repeat(300) + "\"}"))
                .isEqualTo(new TestLock.Reply("4.13", "payload of 340 bytes; at most 256"));
        assertThat(lock.send(CoAP.Code.PUT, "/dev/battery", "{\"battery\":5}".getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN))
                .isEqualTo(new TestLock.Reply("4.15", "content-format 0: send application/json (50)"));
        assertThat(lock.post("/register", "{\"endpoint\":\"lock-702\"}"))
                .isEqualTo(new TestLock.Reply("4.03", "endpoint 'lock-702' is not this session's DTLS identity 'lock-701'; a lock registers as itself"));
        assertThat(lock.put("/lock/elsewhere", "{}").code()).isEqualTo("4.04");

        assertThat(events()).hasSize(before);
        assertThat(gateway.doors().get("room-701").phase()).isEqualTo(DoorPhase.LOCKED);
    }

    @Test
    void aWrongKeyOrAnIdentityNoDoorNamesIsRefusedAtTheHandshake() {
        byte[] wrong = key701.clone();
        wrong[0] ^= 1;
        TestLock impostor = lock("lock-701", wrong);
        assertThat(impostor.post("/register", "{\"endpoint\":\"lock-701\"}")).isNull();
        assertThat(impostor.lastError()).containsIgnoringCase("handshake");

        TestLock stranger = lock("lock-999", key701);
        assertThat(stranger.post("/register", "{\"endpoint\":\"lock-999\"}")).isNull();
        assertThat(events()).noneMatch(e -> e.type().startsWith("device."));
    }

    @Test
    @Tag("peer")
    void debiansLibcoapClientRegistersReportsAndIsSentAnOpenItObserves() throws Exception {
        LibcoapClient lock = libcoap("lock-701", key701);
        LibcoapClient.Result registered = lock.send("post", "/register", "{\"endpoint\":\"lock-701\",\"firmware\":\"libcoap\"}");
        assertThat(registered.exit()).as(registered.errors()).isZero();
        assertThat(new JsonObject(registered.output()).getString("door")).isEqualTo("room-701");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.registered", "\"firmware\":\"libcoap\""));

        LibcoapClient.Result reported = lock.send("put", "/lock/state", "{\"door\":\"closed\",\"bolt\":\"locked\",\"battery\":15}");
        assertThat(reported.exit()).as(reported.errors()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.battery_low", "\"percent\":15"));

        try (LibcoapClient.Observation commands = lock.observe("/lock/command", 60)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> commands.notifications().stream().anyMatch(n -> n.contains("\"none\"")));
            CompletableFuture<JsonObject> open = CompletableFuture.supplyAsync(() -> {
                try {
                    return command(new JsonObject().put("id", "lc1").put("kind", "door.open").put("door", "room-701").put("who", "op-1"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> commands.notifications().stream().anyMatch(n -> n.contains("\"unlock\"")));
            LibcoapClient.Result unlocked = lock.send("put", "/lock/state", "{\"door\":\"closed\",\"bolt\":\"unlocked\"}");
            assertThat(unlocked.exit()).as(unlocked.errors()).isZero();
            assertThat(open.get(20, TimeUnit.SECONDS)).isEqualTo(new JsonObject().put("id", "lc1").put("result", "opened"));
        }
    }

    @Test
    @Tag("peer")
    void debiansLibcoapClientWithAWrongKeyGetsNoAnswerAndChangesNothing() throws Exception {
        byte[] wrong = key701.clone();
        wrong[0] = (byte) (wrong[0] == 'A' ? 'B' : 'A');
        LibcoapClient.Result refused = libcoap("lock-701", wrong).send("post", "/register", "{\"endpoint\":\"lock-701\"}");
        // libcoap logs its failure on standard output; no reply from the gateway is there
        assertThat(refused.output()).contains("cannot send CoAP pdu").doesNotContain("room-701");
        assertThat(events()).noneMatch(e -> e.type().startsWith("device."));

        LibcoapClient.Result right = libcoap("lock-701", key701).send("post", "/register", "{\"endpoint\":\"lock-701\"}");
        assertThat(right.exit()).as(right.errors()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("device.registered", "lock-701"));
    }
}
