package org.anju.bridge.park.ingest;

import java.lang.System.Logger.Level;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.mqtt.ParkMqtt;

/**
 * Tells a gateway what the park has stored, after the store committed: a {@link DeliveryReceipt}
 * signed with the park's command key, on the gateway's command topic. What one gateway's batches
 * confirm within {@link #GATHER_MILLIS} goes out as one receipt, so a drained backlog costs a few
 * signatures rather than one per batch (for the park and for the gateway that checks them). A
 * receipt that does not arrive costs a resend, which the park drops as a duplicate and confirms again.
 */
public final class Receipts implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Receipts.class.getName());
    /** A receipt matters while the gateway waits to resend (a minute by default); the broker need not keep it longer. */
    static final long EXPIRY_SECONDS = 300;
    /** How long stored seqs of one gateway wait to share a receipt. */
    public static final long GATHER_MILLIS = 20;

    /** Where receipts go: the bridge's broker connection. */
    @FunctionalInterface
    public interface Sink {
        CompletableFuture<?> publish(String topic, byte[] payload, long expirySeconds);

        static Sink of(ParkMqtt mqtt) {
            return mqtt::publish;
        }
    }

    private record Gathered(long confirmedTo, TreeSet<Long> have, boolean askAlarms) {
    }

    private final String park;
    private final String keyId;
    private final PrivateKey key;
    private final Clock clock;
    private final Map<String, Gathered> gathering = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "park-receipts");
        t.setDaemon(true);
        return t;
    });
    private volatile Sink sink = (t, p, e) -> CompletableFuture.completedFuture(null);

    public Receipts(String park, String keyId, PrivateKey key, Clock clock) {
        this.park = park;
        this.keyId = keyId;
        this.key = key;
        this.clock = clock;
    }

    public void attach(Sink sink) {
        this.sink = sink;
    }

    /** Confirms {@code have} (in any order) and everything up to {@code confirmedTo}, within {@link #GATHER_MILLIS}. */
    public void send(String gateway, long confirmedTo, List<Long> have) {
        gather(gateway, confirmedTo, have, false);
    }

    /**
     * Asks the gateway to send again now every alarm the park has not confirmed
     * ({@link DeliveryReceipt#resendAlarms()}), with what its next receipt confirms: the bridge's live
     * subscription hears it now, where a copy taken while the bridge was away waits behind a backlog.
     */
    public void askForAlarms(String gateway) {
        gather(gateway, 0, List.of(), true);
    }

    private void gather(String gateway, long confirmedTo, List<Long> have, boolean askAlarms) {
        boolean first;
        synchronized (gathering) {
            Gathered g = gathering.get(gateway);
            first = g == null;
            if (first) {
                g = new Gathered(confirmedTo, new TreeSet<>(), askAlarms);
            } else if (confirmedTo > g.confirmedTo() || askAlarms && !g.askAlarms()) {
                g = new Gathered(Math.max(confirmedTo, g.confirmedTo()), g.have(), g.askAlarms() || askAlarms);
            }
            g.have().addAll(have);
            gathering.put(gateway, g);
        }
        if (first) {
            timer.schedule(() -> flush(gateway), GATHER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void flush(String gateway) {
        Gathered g;
        synchronized (gathering) {
            g = gathering.remove(gateway);
        }
        if (g == null) {
            return;
        }
        Topics to = new Topics(park, gateway);
        List<DeliveryReceipt.Range> ranges = DeliveryReceipt.rangesOf(new ArrayList<>(g.have()), g.confirmedTo());
        for (int from = 0; from < Math.max(1, ranges.size()); from += DeliveryReceipt.MAX_RANGES) {
            List<DeliveryReceipt.Range> part = ranges.subList(from, Math.min(ranges.size(), from + DeliveryReceipt.MAX_RANGES));
            DeliveryReceipt receipt = DeliveryReceipt.of(to, g.confirmedTo(), part, clock.millis(), keyId);
            if (g.askAlarms() && from == 0) {
                receipt = receipt.askingForAlarms();
            }
            sink.publish(to.commands(), SignedJson.sign(SignedJson.RECEIPT, receipt, key), EXPIRY_SECONDS)
                    .whenComplete((outcome, failure) -> {
                        if (failure != null) {
                            LOG.log(Level.INFO, "receipt to {0} not sent ({1}); the gateway will send again", gateway,
                                    failure.getMessage());
                        }
                    });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
