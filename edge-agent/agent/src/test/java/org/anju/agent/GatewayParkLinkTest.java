package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.MutableClock;
import org.anju.bridge.testing.ParkClient;

/**
 * The gateway and the park over a real Mosquitto: the gateway's events reach the park, and the
 * park's signed commands open doors and change the roster; forged, expired and replayed commands
 * are refused, replied to and recorded. The door has no network of its own: everything here goes
 * through the broker, as it does in a park.
 */
@Tag("peer")
@Tag("wire")
class GatewayParkLinkTest {
    private static final Topics GATEWAY = new Topics("test-park", "gw-link");
    private static final long DAY = Duration.ofDays(1).toMillis();

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final KeyPair parkKey = Ed25519Keys.generate();
    private final CommandSigner park = new CommandSigner("park-2026", parkKey.getPrivate(), Clock.systemUTC());
    private MosquittoBroker broker;
    private ParkClient parkClient;
    private RunningGateway running;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        parkClient = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        org.anju.bridge.testing.Uplinks.writeParkKey(dir);
        Files.writeString(dir.resolve("park-2026.pem"), Ed25519Keys.toPem(parkKey.getPublic()));
        Path siteFile = dir.resolve("site.yaml");
        Files.writeString(siteFile, """
                gateway: {id: gw-link, gpio: mock, dataDir: data}
                park:
                  id: test-park
                  broker: %s
                  commandKeys: [{id: park-2026, file: park-2026.pem}, {id: park-test, file: park-test.pub.pem}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri()));
        running = RunningGateway.start(siteFile);
        gateway = running.gateway();
        // commands are not kept for a gateway that is not connected: wait until it is
        await().atMost(Duration.ofSeconds(20)).until(() -> parkClient.states().stream()
                .anyMatch(s -> s instanceof GatewayState.Birth b && b.rosterVersion() == 0));
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private CommandReply send(SignedCommand command) throws Exception {
        parkClient.send(command);
        await().atMost(Duration.ofSeconds(20)).until(() -> parkClient.replyTo(command.id()) != null);
        return parkClient.replyTo(command.id());
    }

    private CommandReply send(CommandBody body) throws Exception {
        return send(park.sign(GATEWAY, body, Duration.ofMinutes(1)));
    }

    private List<CommandReply> repliesTo(String requestId) {
        return parkClient.replies().stream().filter(r -> r.requestId().equals(requestId)).toList();
    }

    private List<EventBatch.Event> eventsAtThePark(String type) {
        return parkClient.ledger().arrivalOrder().stream().filter(e -> e.type().equals(type)).toList();
    }

    private static CommandBody.RosterTenant tenant(String id, String door) {
        long now = System.currentTimeMillis();
        return new CommandBody.RosterTenant(id, "Tenant " + id, "301", now - DAY, now + 30 * DAY,
                List.of(new CommandBody.RosterCredential("card", "3:1001")), List.of(door));
    }

    @Test
    void aTenantsPhoneOpensTheDoorThroughTheParkUntilTheLeaseEndsAtTheGateway() throws Exception {
        CommandReply snapshot = send(new CommandBody.RosterSnapshot(1, List.of(tenant("t-7", "entrance"))));
        assertThat(snapshot.result()).isEqualTo(ReplyResult.OK);
        assertThat(snapshot.rosterVersion()).isEqualTo(1);

        CommandReply opened = send(new CommandBody.DoorOpen("entrance", "t-7"));
        assertThat(opened.result()).as("a GPIO maglock cannot report that it released: " + opened).isEqualTo(ReplyResult.SENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsAtThePark("door.access_granted").isEmpty());
        assertThat(eventsAtThePark("door.access_granted").get(0).payload()).contains("\"tenantId\":\"t-7\"", "remote");

        CommandReply leaseEnded = send(new CommandBody.RosterDelta(1, 2, List.of(), List.of("t-7")));
        assertThat(leaseEnded.result()).isEqualTo(ReplyResult.OK);
        assertThat(leaseEnded.rosterVersion()).isEqualTo(2);

        CommandReply denied = send(new CommandBody.DoorOpen("entrance", "t-7"));
        assertThat(denied.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(denied.detail()).isEqualTo("denied: UNKNOWN_TENANT");
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsAtThePark("door.access_denied").isEmpty());

        CommandReply gap = send(new CommandBody.RosterDelta(5, 6, List.of(tenant("t-8", "entrance")), List.of()));
        assertThat(gap.result()).isEqualTo(ReplyResult.ROSTER_GAP);
        assertThat(gap.rosterVersion()).as("the version held, so the park sends a snapshot").isEqualTo(2);
        assertThat(parkClient.invalid()).isEmpty();
    }

    /**
     * A lease's window is enforced by the gateway on its own, with the park unreachable and the
     * gateway's wall clock wrong: the stay ends at its end time on the clock guard anchored to the
     * park's time (its signed commands carry it), setting the clock back does not revive it, and
     * neither does a restart in 1970 (the park's time is kept in the data folder).
     */
    @Test
    void aLeaseEndsAtItsEndTimeWithTheParkGoneAndTheClockSetBackEvenAcrossARestart() throws Exception {
        running.close();
        MutableClock wall = new MutableClock(Instant.now());
        running = RunningGateway.start(dir.resolve("site.yaml"), wall);
        await().atMost(Duration.ofSeconds(20)).until(() -> parkClient.states().stream()
                .filter(s -> s instanceof GatewayState.Birth).count() == 2);
        // the lease runs from an hour ago for six more seconds of the park's time
        long now = System.currentTimeMillis();
        CommandReply snapshot = send(new CommandBody.RosterSnapshot(1, List.of(new CommandBody.RosterTenant("t-7", "Li Wei",
                "301", now - 3_600_000, now + 6_000, List.of(new CommandBody.RosterCredential("card", "3:1001")),
                List.of("entrance")))));
        assertThat(snapshot.result()).isEqualTo(ReplyResult.OK);

        broker.stop(); // the park is unreachable from here on
        wall.advance(Duration.ofDays(-1)); // and the gateway's clock is set back a day
        assertThat(opensForT7()).as("within the lease, by the park's time (a GPIO maglock: sent)").isEqualTo("sent");
        await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(opensForT7()));
        wall.advance(Duration.ofDays(-30));
        assertThat(opensForT7()).as("a clock set back further revives nothing").isEqualTo("EXPIRED");

        running.close();
        running = RunningGateway.start(dir.resolve("site.yaml"), new MutableClock(Instant.parse("1970-01-01T00:00:10Z")));
        assertThat(opensForT7()).as("restarted in 1970 with the park unreachable").isEqualTo("EXPIRED");
    }

    private String opensForT7() throws Exception {
        return GatewayProbe.tenantOpens(running.gateway(), "t-7", "entrance");
    }

    @Test
    void forgedExpiredAndReplayedCommandsAreRefusedRepliedToAndRecordedAndNoDoorOpens() throws Exception {
        CommandSigner stranger = new CommandSigner("park-2026", Ed25519Keys.generate().getPrivate(), Clock.systemUTC());
        CommandReply forged = send(stranger.sign(GATEWAY, new CommandBody.DoorOpen("entrance", null), Duration.ofMinutes(1)));
        assertThat(forged.result()).isEqualTo(ReplyResult.BAD_SIGNATURE);

        Instant past = Instant.now().minus(Duration.ofHours(2));
        SignedCommand old = park.signText(GATEWAY, "expired-1", "door.open", "{\"door\":\"entrance\"}", past,
                past.plus(Duration.ofMinutes(5)), park.newNonce());
        assertThat(send(old).result()).isEqualTo(ReplyResult.EXPIRED);

        SignedCommand once = park.sign(GATEWAY, new CommandBody.DoorOpen("entrance", null), Duration.ofMinutes(1));
        assertThat(send(once).result()).isEqualTo(ReplyResult.SENT);
        parkClient.send(once); // captured off the broker and sent again, byte for byte
        await().atMost(Duration.ofSeconds(20)).until(() -> repliesTo(once.id()).size() == 2);
        assertThat(repliesTo(once.id()).get(1).result()).isEqualTo(ReplyResult.REPLAYED);

        await().atMost(Duration.ofSeconds(20)).until(() -> eventsAtThePark("command.rejected").size() == 3);
        assertThat(eventsAtThePark("command.rejected")).extracting(EventBatch.Event::payload)
                .anyMatch(p -> p.contains("BAD_SIGNATURE")).anyMatch(p -> p.contains("EXPIRED"))
                .anyMatch(p -> p.contains("REPLAYED"));
        assertThat(eventsAtThePark("door.unlocked")).as("only the one good command opened the door").hasSize(1);
    }

    @Test
    void healthSaysReadyAndMetricsCountWhatHappenedWithoutAToken() throws Exception {
        assertThat(send(new CommandBody.DoorOpen("entrance", null)).result()).isEqualTo(ReplyResult.SENT);
        var http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.apiPort();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                .contains("anju_events_recorded_total{type=\"door.unlocked\"} 1.0"));
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("anju_outbox_pending_events").contains("jvm_memory_used_bytes");
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(new io.vertx.core.json.JsonObject(health.body()).getBoolean("ready")).isTrue();

        broker.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 503);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("park broker unreachable");
    }
}
