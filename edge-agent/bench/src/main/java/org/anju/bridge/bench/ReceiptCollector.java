package org.anju.bridge.bench;

import java.security.PublicKey;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.mqtt.CredentialSource;

/**
 * What the gateways hear back: every delivery receipt the park publishes on their command
 * topics, kept as it came and checked afterwards (so checking them takes no CPU from the bridge
 * while it drains), as a gateway checks them: signed by the park's key, for that gateway.
 */
final class ReceiptCollector implements AutoCloseable {
    private final ConcurrentLinkedQueue<byte[]> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final MqttSession session;

    private ReceiptCollector(MqttSession session) {
        this.session = session;
    }

    static ReceiptCollector start(String uri, String park) throws Exception {
        ReceiptCollector[] self = new ReceiptCollector[1];
        MqttSession s = new Paho5().connect(new ConnectSpec(uri, "bench-receipts", new CredentialSource.None(), null, true, 0, 60,
                10, 65_535, null, false, Map.of()), new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
                self[0].received.add(payload);
                self[0].count.incrementAndGet();
            }

            @Override
            public void lost(String reason) {
            }
        }).get(20, TimeUnit.SECONDS);
        self[0] = new ReceiptCollector(s);
        s.subscribe(List.of("anju/v1/" + park + "/+/cmd")).get(20, TimeUnit.SECONDS);
        return self[0];
    }

    long count() {
        return count.get();
    }

    /**
     * Checks every receipt with the park's key and says, per gateway, which seqs the park
     * confirmed; a receipt that does not check is counted in {@code refused}.
     */
    Confirmed confirmed(PublicKey parkKey) {
        Map<String, BitSet> seqs = new HashMap<>();
        long refused = 0;
        for (byte[] payload : received) {
            SignedJson.Opened opened = SignedJson.open(SignedJson.RECEIPT, payload, parkKey);
            if (!(opened instanceof SignedJson.Opened.Valid valid)
                    || !(ContractJson.decode(valid.json(), DeliveryReceipt.class) instanceof Decoded.Ok<DeliveryReceipt> ok)) {
                refused++;
                continue;
            }
            BitSet set = seqs.computeIfAbsent(ok.value().gateway(), g -> new BitSet());
            set.set(1, (int) ok.value().upTo() + 1);
            for (DeliveryReceipt.Range r : ok.value().ranges()) {
                set.set((int) r.from(), (int) r.to() + 1);
            }
        }
        return new Confirmed(seqs, refused);
    }

    record Confirmed(Map<String, BitSet> seqs, long refused) {
        /** Whether every gateway of {@code ids} has seqs 1 to {@code n} confirmed. */
        boolean all(List<String> ids, int n) {
            return ids.stream().allMatch(id -> seqs.containsKey(id) && seqs.get(id).nextClearBit(1) > n);
        }
    }

    @Override
    public void close() throws Exception {
        session.disconnect().get(5, TimeUnit.SECONDS);
    }
}
