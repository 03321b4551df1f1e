package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.park.store.StateQueries;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.uplink.UplinkConfig;

/**
 * Every attack issue 16 found, replayed against the park behind a Mosquitto that lets anyone
 * publish anything (the demo's kind of broker): a forged fire alarm, forged seqs ahead of the
 * gateway's real ones, a reading stamped in 2100, a birth with an enormous session, a forged
 * command reply, and a client taking the bridge's client id. Each is refused or harmless and
 * counted, and every real event of the gateway is stored exactly once.
 */
@Tag("peer")
@Tag("wire")
class ParkUnderAttackTest {
    private static final Topics GW = new Topics("huaqiao", "gw-b07");
    private static final KeyPair STRANGER = Ed25519Keys.generate();

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private ParkBridge park(MosquittoBroker broker) throws Exception {
        return closer.keep(TestPark.onBroker(dir, "uri: \"" + broker.uri() + "\"",
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}]"));
    }

    private MqttSession attacker(MosquittoBroker broker, String clientId) throws Exception {
        return new Paho5().connect(new ConnectSpec(broker.uri(), clientId, new CredentialSource.None(), null, true, 0, 10, 5,
                10, null, false, Map.of()), new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
            }

            @Override
            public void lost(String reason) {
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static byte[] batch(long session, long seq, long ts, String type, String payload) {
        return ContractJson.encode(new EventBatch(Contract.VERSION, "huaqiao", "gw-b07", session, 0, ts, List.of(
                new EventBatch.Event(seq, ts, type.startsWith("alarm.") || type.equals("fire.alarm") ? Priority.ALARM
                        : Priority.TELEMETRY, type, payload))));
    }

    private long dropped(ParkBridge bridge, String kind) {
        return bridge.ingest().dropped().getOrDefault(kind, 0L);
    }

    @Test
    void everyAttackIsRefusedOrHarmlessAndEveryRealEventIsStoredOnce() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).persistent().start());
        ParkBridge bridge = park(broker);
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);
        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        outbox.appendMany(20, Priority.ACCESS, "door.access_granted");
        UplinkConfig config = Uplinks.config(broker.uri(), GW)
                .withDelivery(new UplinkConfig.Delivery(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMillis(200),
                        UplinkConfig.Delivery.ALARM_FIRST_RESEND));
        GatewayUplink gateway = closer.keep(Uplinks.builder(config).outbox(outbox).sessions(Uplinks.sessions()).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.unacknowledgedCount() == 0);
        StateQueries state = new StateQueries(bridgeDatabase(bridge));

        MqttSession mallory = attacker(broker, "mallory");
        // 1. a forged FIRE alarm, unsigned, and one signed by a key that is not the gateway's
        String fire = "{\"alarm\":{\"id\":\"pile-1/FIRE/1\",\"kind\":\"FIRE\",\"severity\":\"CRITICAL\",\"source\":\"pile-1\","
                + "\"detail\":\"smoke\"}}";
        mallory.publish(GW.events(), batch(1, 900, System.currentTimeMillis(), "alarm.raised", fire), false, 0).get(5, TimeUnit.SECONDS);
        mallory.publish(GW.events(), SignedJson.sign(SignedJson.GATEWAY, batch(1, 901, System.currentTimeMillis(), "alarm.raised",
                fire), STRANGER.getPrivate()), false, 0).get(5, TimeUnit.SECONDS);
        // 2. forged seqs just ahead of the gateway's real ones (21..23), to make the park drop those as copies
        for (long seq = 21; seq <= 23; seq++) {
            mallory.publish(GW.events(), SignedJson.sign(SignedJson.GATEWAY, batch(1, seq, System.currentTimeMillis(),
                    "door.access_granted", "{\"forged\":true}"), STRANGER.getPrivate()), false, 0).get(5, TimeUnit.SECONDS);
        }
        // 3. a birth with an enormous session, unsigned and signed by a stranger
        byte[] hugeBirth = ContractJson.encode(new GatewayState.Birth(Contract.VERSION, "huaqiao", "gw-b07",
                4_000_000_000_000_000_000L, 1, "evil", 0));
        mallory.publish(GW.state(), hugeBirth, true, 0).get(5, TimeUnit.SECONDS);
        mallory.publish(GW.state(), SignedJson.sign(SignedJson.GATEWAY, hugeBirth, STRANGER.getPrivate()), true, 0)
                .get(5, TimeUnit.SECONDS);
        // 4. a forged reply to an officer's command
        CommandReply forgedReply = CommandReply.of(GW, "req-officer-1", System.currentTimeMillis(), ReplyResult.OK, null, null);
        mallory.publish(GW.replies(), ContractJson.encode(forgedReply), false, 0).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> dropped(bridge, "unsigned") >= 3 && dropped(bridge, "bad-signature") >= 5);
        assertThat(state.alarms(false).join()).as("no forged alarm before the officer").isEmpty();

        // the gateway's real events 21..23 are stored, with the gateway's payloads
        outbox.appendMany(3, Priority.ACCESS, "door.access_granted");
        gateway.wake(Priority.ACCESS);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.unacknowledgedCount() == 0);
        assertThat(bridge.ingest().storedEvents()).isEqualTo(23);
        assertThat(bridgeIngestPayload(bridge, 22)).doesNotContain("forged");

        // 5. a hijacked gateway (its own key) plays time and session tricks: stored flagged, dropped
        long year2100 = 4_102_444_800_000L;
        mallory.publish(GW.telemetry(), SignedJson.sign(SignedJson.GATEWAY, batch(1, 1_000, year2100, "port.reading",
                "{\"pile\":\"pile-1\",\"port\":1,\"state\":\"Faulted\",\"voltageV\":0,\"currentA\":0,\"powerW\":0,\"energyWh\":0,"
                        + "\"sessionSeconds\":0}"), Uplinks.GATEWAY_KEY.getPrivate()), false, 0).get(5, TimeUnit.SECONDS);
        mallory.publish(GW.state(), SignedJson.sign(SignedJson.GATEWAY, hugeBirth, Uplinks.GATEWAY_KEY.getPrivate()), true, 0)
                .get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.ingest().flaggedEvents() == 1
                && dropped(bridge, "session-jump") >= 1);
        assertThat(state.ports().join()).as("a reading from 2100 moves no port").isEmpty();

        // 6. a client takes the bridge's client id: the bridge is knocked off, comes back, and what the
        // gateway sent meanwhile arrives anyway (the gateway sends again what the park did not confirm)
        MqttSession squatter = attacker(broker, ParkBridge.clientId(bridgeConfig(bridge)));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.logText()
                .contains("Client " + ParkBridge.clientId(bridgeConfig(bridge)) + " already connected, closing old connection"));
        outbox.appendMany(10, Priority.ALARM, "door.forced_open");
        gateway.wake(Priority.ALARM);
        squatter.drop();
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.unacknowledgedCount() == 0);
        assertThat(bridge.ingest().storedEvents()).as("every real event, once").isEqualTo(33);
        mallory.drop();
    }

    private static org.anju.bridge.park.store.ParkDatabase bridgeDatabase(ParkBridge bridge) {
        return bridge.database();
    }

    private static org.anju.bridge.park.config.ParkConfig bridgeConfig(ParkBridge bridge) {
        return bridge.config();
    }

    private static String bridgeIngestPayload(ParkBridge bridge, long seq) {
        return bridge.database().run(c -> {
            try (var ps = c.prepareStatement("SELECT payload FROM event WHERE gateway = 'gw-b07' AND seq = ?")) {
                ps.setLong(1, seq);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        }).join();
    }
}
