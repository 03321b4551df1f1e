package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.DocumentedBroker;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.TestPki;
import org.anju.bridge.testing.Uplinks;

import io.vertx.core.json.JsonObject;

/**
 * A gateway provisioned with another gateway's broker user (issue 16: Mosquitto denied all 22
 * publishes, acknowledged them, and the gateway looked healthy): behind the documented Mosquitto,
 * the broker's 0x87 makes the gateway not ready, naming the topic and the user, its events stay
 * in its outbox, and once the site names the right user every one of them reaches the park once.
 */
@Tag("peer")
@Tag("wire")
class WrongBrokerUserTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private ParkBridge park(MosquittoBroker broker, TestPki pki) throws Exception {
        return closer.keep(TestPark.onBroker(dir, ("uri: \"%s\", username: bridge-huaqiao-1, passwordFile: %s, caFile: %s,"
                + " live: {passwordFile: %s}").formatted(DocumentedBroker.uri(broker), DocumentedBroker.passwordFile(dir,
                "bridge-huaqiao-1"), pki.caCert(), DocumentedBroker.passwordFile(dir, "bridge-huaqiao-1-live")),
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gateway-data/gateway.pub.pem}]"));
    }

    private Path site(MosquittoBroker broker, TestPki pki, String user) throws Exception {
        Uplinks.writeParkKey(dir);
        DocumentedBroker.passwordFile(dir, user);
        return Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-b07, gpio: mock, dataDir: gateway-data}
                park:
                  id: huaqiao
                  broker: %s
                  caFile: %s
                  username: %s
                  passwordFile: %s.password
                  commandKeys: [{id: park-test, file: park-test.pub.pem}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(DocumentedBroker.uri(broker), pki.caCert(), user, user));
    }

    private static void openTheDoor(RunningGateway gw, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            JsonObject reply = GatewayProbe.command(gw.gateway(), new JsonObject().put("id", "op-" + i)
                    .put("kind", "door.open").put("door", "entrance"));
            assertThat(reply.encode()).contains("op-" + i);
        }
    }

    private static JsonObject readiness(RunningGateway gw) throws Exception {
        return gw.gateway().readiness().get(5, TimeUnit.SECONDS);
    }

    @Test
    void anotherGatewaysUserIsNotReadyWithTheReasonAndOnceFixedEveryEventArrivesOnce() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        MosquittoBroker broker = closer.keep(DocumentedBroker.start(Path.of("../../cloud-bridge/park/src/dist/INSTALL.md"),
                dir.resolve("mosquitto"), pki, List.of("bridge-huaqiao-1", "bridge-huaqiao-1-live", "gw-b07", "gw-b08")));
        ParkBridge bridge = park(broker, pki);
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);

        RunningGateway wrong = RunningGateway.start(site(broker, pki, "gw-b08"));
        openTheDoor(wrong, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> !readiness(wrong).getBoolean("ready")
                && readiness(wrong).encode().contains("0x87 not authorized"));
        String reasons = readiness(wrong).getJsonArray("reasons").encode();
        assertThat(reasons).contains("the broker refuses the gateway's events").contains("anju/v1/huaqiao/gw-b07/")
                .contains("user gw-b08");
        assertThat(bridge.ingest().storedEvents()).as("the park has nothing").isZero();
        List<OutboxEvent> waiting = GatewayProbe.events(wrong.gateway());
        assertThat(wrong.gateway().outbox().pending().get(5, TimeUnit.SECONDS).events())
                .as("every event still waits in the outbox").isEqualTo(waiting.size()).isPositive();
        wrong.close();

        RunningGateway fixed = closer.keep(RunningGateway.start(site(broker, pki, "gw-b07")));
        await().atMost(Duration.ofSeconds(60)).until(() -> fixed.gateway().outbox().pending().get(5, TimeUnit.SECONDS).events() == 0);
        Set<Long> sent = new TreeSet<>();
        GatewayProbe.events(fixed.gateway()).forEach(e -> sent.add(e.seq()));
        assertThat(sent).containsAll(waiting.stream().map(OutboxEvent::seq).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness(fixed).getBoolean("ready"));
        assertThat(bridge.ingest().storedEvents()).as("each event once").isEqualTo(sent.size());
        JsonObject park = fixed.gateway().health().getJsonObject("park");
        assertThat(park.getLong("parkConfirmedSeq")).isEqualTo(((TreeSet<Long>) sent).last());
    }
}
