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
import java.util.concurrent.ExecutorService;
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
 * An alarm's receipt ({@link #sendNow}) and a request for alarms ({@link #askForAlarms}) are
 * signed at once, each kind on a thread of its own: in a drain the gathering thread signs a receipt
 * for nearly every batch, and a returning bridge asks each of 500 gateways as it hears its birth; an
 * alarm raised while the bridge was away was confirmed 1.5 s after it answered with all three on the
 * gathering thread, 1.2 s with alarms' receipts apart, 1.05 s with the requests apart too (the park
 * bench, 200,000 events on SQLite, three to five runs each).
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

    private record Gathered(long confirmedTo, TreeSet<Long> have) {
    }

    private final String park;
    private final String keyId;
    private final PrivateKey key;
    private final Clock clock;
    private final Map<String, Gathered> gathering = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("park-receipts"));
    private final ExecutorService alarms = Executors.newSingleThreadExecutor(DaemonThreads.named("park-receipts-alarms"));
    private final ExecutorService asks = Executors.newSingleThreadExecutor(DaemonThreads.named("park-receipts-asks"));
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
        boolean first;
        synchronized (gathering) {
            Gathered g = gathering.get(gateway);
            first = g == null;
            if (first) {
                g = new Gathered(confirmedTo, new TreeSet<>());
            } else if (confirmedTo > g.confirmedTo()) {
                g = new Gathered(confirmedTo, g.have());
            }
            g.have().addAll(have);
            gathering.put(gateway, g);
        }
        if (first) {
            timer.schedule(() -> flush(gateway), GATHER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** As {@link #send}, for an alarm batch: signed and sent at once, ahead of the gathered receipts. */
    public void sendNow(String gateway, long confirmedTo, List<Long> have) {
        TreeSet<Long> ascending = new TreeSet<>(have);
        alarms.execute(() -> publish(gateway, confirmedTo, ascending, false));
    }

    /**
     * Asks the gateway to send again now every alarm the park has not confirmed
     * ({@link DeliveryReceipt#resendAlarms()}), in a receipt that confirms nothing, signed at once:
     * the bridge's live subscription hears such an alarm now, where the copy the broker took while
     * the bridge was away waits behind a backlog.
     */
    public void askForAlarms(String gateway) {
        asks.execute(() -> publish(gateway, 0, new TreeSet<>(), true));
    }

    private void flush(String gateway) {
        Gathered g;
        synchronized (gathering) {
            g = gathering.remove(gateway);
        }
        if (g != null) {
            publish(gateway, g.confirmedTo(), g.have(), false);
        }
    }

    private void publish(String gateway, long confirmedTo, TreeSet<Long> have, boolean askAlarms) {
        Topics to = new Topics(park, gateway);
        List<DeliveryReceipt.Range> ranges = DeliveryReceipt.rangesOf(new ArrayList<>(have), confirmedTo);
        for (int from = 0; from < Math.max(1, ranges.size()); from += DeliveryReceipt.MAX_RANGES) {
            List<DeliveryReceipt.Range> part = ranges.subList(from, Math.min(ranges.size(), from + DeliveryReceipt.MAX_RANGES));
            DeliveryReceipt receipt = DeliveryReceipt.of(to, confirmedTo, part, clock.millis(), keyId);
            if (askAlarms) {
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
        alarms.shutdownNow();
        asks.shutdownNow();
    }
}
