package org.anju.bridge.park.ingest;

import java.lang.System.Logger.Level;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;

import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.mqtt.ParkMqtt;

/**
 * Tells a gateway what the park has stored, after the store committed: a {@link DeliveryReceipt}
 * signed with the park's command key, on the gateway's command topic. A receipt that does not
 * arrive costs a resend, which the park drops as a duplicate and confirms again.
 */
public final class Receipts {
    private static final System.Logger LOG = System.getLogger(Receipts.class.getName());
    /** A receipt matters while the gateway waits to resend (a minute by default); the broker need not keep it longer. */
    static final long EXPIRY_SECONDS = 300;

    /** Where receipts go: the bridge's broker connection. */
    @FunctionalInterface
    public interface Sink {
        java.util.concurrent.CompletableFuture<?> publish(String topic, byte[] payload, long expirySeconds);

        static Sink of(ParkMqtt mqtt) {
            return mqtt::publish;
        }
    }

    private final String park;
    private final String keyId;
    private final PrivateKey key;
    private final Clock clock;
    private volatile Sink sink = (t, p, e) -> java.util.concurrent.CompletableFuture.completedFuture(null);

    public Receipts(String park, String keyId, PrivateKey key, Clock clock) {
        this.park = park;
        this.keyId = keyId;
        this.key = key;
        this.clock = clock;
    }

    public void attach(Sink sink) {
        this.sink = sink;
    }

    /** Confirms {@code have} (ascending or not) and everything up to {@code confirmedTo}. */
    public void send(String gateway, long confirmedTo, List<Long> have) {
        Topics to = new Topics(park, gateway);
        List<DeliveryReceipt.Range> ranges = DeliveryReceipt.rangesOf(have.stream().sorted().toList(), confirmedTo);
        for (int from = 0; from < Math.max(1, ranges.size()); from += DeliveryReceipt.MAX_RANGES) {
            List<DeliveryReceipt.Range> part = ranges.subList(from, Math.min(ranges.size(), from + DeliveryReceipt.MAX_RANGES));
            DeliveryReceipt receipt = DeliveryReceipt.of(to, confirmedTo, part, clock.millis(), keyId);
            sink.publish(to.commands(), SignedJson.sign(SignedJson.RECEIPT, receipt, key), EXPIRY_SECONDS)
                    .whenComplete((outcome, failure) -> {
                        if (failure != null) {
                            LOG.log(Level.INFO, "receipt to {0} not sent ({1}); the gateway will send again", gateway,
                                    failure.getMessage());
                        }
                    });
        }
    }
}
