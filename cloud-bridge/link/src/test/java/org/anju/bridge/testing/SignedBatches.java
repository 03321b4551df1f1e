package org.anju.bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.mqtt.CredentialSource;

/**
 * Event batches as a gateway publishes them (signed with {@link Uplinks#GATEWAY_KEY}, QoS 1, on
 * its priority's topic), for the park's ingest tests; {@link #publish} returns once the broker
 * accepted every one.
 */
public final class SignedBatches {
    private SignedBatches() {
    }

    /** A port reading of pile-1's {@code port}, its meters from {@code n}. */
    public static EventBatch.Event reading(long seq, int port, long n) {
        return new EventBatch.Event(seq, 1_000 + seq, Priority.TELEMETRY, "port.reading", "{\"pile\":\"pile-1\",\"port\":" + port
                + ",\"state\":\"Charging\",\"voltageV\":220.0,\"currentA\":1.0,\"powerW\":" + n % 400 + ",\"energyWh\":" + n
                + ",\"sessionSeconds\":60}");
    }

    /**
     * {@code batches} batches of {@code perBatch} readings of pile-1's ports 1 to {@code ports} in
     * turn, numbered after {@code after}, each reading's energy counter its seq; {@code last} gets
     * each port's last counter.
     */
    public static List<EventBatch> readings(Topics gateway, long after, int batches, int perBatch, int ports,
                                            Map<Integer, Long> last) {
        List<EventBatch> out = new ArrayList<>();
        long seq = after;
        for (int b = 0; b < batches; b++) {
            List<EventBatch.Event> events = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                seq++;
                int port = (int) (seq % ports) + 1;
                events.add(reading(seq, port, seq));
                last.put(port, seq);
            }
            out.add(EventBatch.of(gateway, 1, 0, 2_000, events));
        }
        return out;
    }

    /** Signs and publishes {@code batches} of {@code gateway} (each on its priority's topic), as client {@code clientId}. */
    public static void publish(String brokerUri, String clientId, Topics gateway, List<EventBatch> batches) throws Exception {
        ConnectSpec spec = new ConnectSpec(brokerUri, clientId, new CredentialSource.None(), null, true, 0, 30, 10, 100,
                null, false, Map.of());
        MqttSession session = new Paho5().connect(spec, new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
            }

            @Override
            public void lost(String reason) {
            }
        }).get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (EventBatch batch : batches) {
            byte[] payload = SignedJson.sign(SignedJson.GATEWAY, batch, Uplinks.GATEWAY_KEY.getPrivate());
            sent.add(session.publish(batch.priority() == Priority.TELEMETRY ? gateway.telemetry() : gateway.events(), payload,
                    false, 0));
        }
        for (CompletableFuture<Outcome> s : sent) {
            assertThat(s.get(30, TimeUnit.SECONDS).accepted()).isTrue();
        }
        session.disconnect().get(5, TimeUnit.SECONDS);
    }
}
