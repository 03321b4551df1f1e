package org.anju.bridge.park.ingest;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.live.LiveFeed;
import org.anju.bridge.park.store.IngestStore;

import io.vertx.core.json.JsonObject;

/**
 * What the gateways publish, into the store: event and telemetry batches (each event once),
 * births and deaths. A message that is not the contract's (malformed, oversized, another park's,
 * a topic that does not match its content) is counted by kind, logged the first time, and dropped;
 * it never stops ingest. The MQTT message is acknowledged when the returned future completes,
 * i.e. after the store committed.
 */
public final class Ingest {
    private static final System.Logger LOG = System.getLogger(Ingest.class.getName());
    /** Larger payloads are dropped unread; the uplink's batches stay well below. */
    public static final int MAX_PAYLOAD = 2 * 1024 * 1024;

    private final String park;
    private final IngestStore store;
    private final LiveFeed live;
    private final Consumer<GatewayState.Birth> onBirth;
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    public Ingest(String park, IngestStore store, LiveFeed live, Consumer<GatewayState.Birth> onBirth) {
        this.park = park;
        this.store = store;
        this.live = live;
        this.onBirth = onBirth;
    }

    public CompletableFuture<?> onBatch(String topic, byte[] payload) {
        Topics.Address address = Topics.parse(topic).orElse(null);
        if (address == null || payload.length > MAX_PAYLOAD) {
            return drop(payload.length > MAX_PAYLOAD ? "oversized" : "foreign-topic", topic);
        }
        Decoded<EventBatch> decoded = ContractJson.decode(payload, EventBatch.class);
        if (!(decoded instanceof Decoded.Ok<EventBatch> ok)) {
            return drop("malformed-batch", topic + ": " + ((Decoded.Invalid<EventBatch>) decoded).reason());
        }
        EventBatch batch = ok.value();
        if (!batch.park().equals(park) || !batch.gateway().equals(address.gateway())) {
            return drop("misaddressed-batch", topic);
        }
        return store.store(batch).thenAccept(result -> {
            stored.addAndGet(result.fresh().size());
            duplicates.addAndGet(result.duplicates());
            for (EventBatch.Event e : result.fresh()) {
                announce(batch.gateway(), e);
            }
        });
    }

    public CompletableFuture<?> onState(String topic, byte[] payload) {
        Topics.Address address = Topics.parse(topic).orElse(null);
        if (address == null || payload.length > MAX_PAYLOAD) {
            return drop("foreign-topic", topic);
        }
        if (payload.length == 0) {
            return CompletableFuture.completedFuture(null); // a cleared retained state
        }
        Decoded<GatewayState> decoded = ContractJson.decode(payload, GatewayState.class);
        if (!(decoded instanceof Decoded.Ok<GatewayState> ok)) {
            return drop("malformed-state", topic + ": " + ((Decoded.Invalid<GatewayState>) decoded).reason());
        }
        GatewayState state = ok.value();
        String gateway = state instanceof GatewayState.Birth b ? b.gateway() : ((GatewayState.Death) state).gateway();
        if (!gateway.equals(address.gateway())) {
            return drop("misaddressed-state", topic);
        }
        return store.presence(state).thenAccept(counted -> {
            if (!counted) {
                return; // a stale death, or a birth older than what we know
            }
            live.publish("gateway", new JsonObject().put("gateway", gateway).put("online", state instanceof GatewayState.Birth));
            if (state instanceof GatewayState.Birth birth) {
                onBirth.accept(birth);
            }
        });
    }

    private void announce(String gateway, EventBatch.Event e) {
        if (e.type().startsWith("alarm.") || e.type().equals("port.reading") || e.type().equals("port.status")
                || e.type().startsWith("door.") || e.type().equals("fire.alarm")) {
            live.publish(e.type().startsWith("alarm.") || e.type().equals("fire.alarm") ? "alarm"
                            : e.type().startsWith("door.") ? "door" : "port",
                    new JsonObject().put("gateway", gateway).put("seq", e.seq()).put("ts", e.ts()).put("type", e.type())
                            .put("payload", new JsonObject(e.payload())));
        }
    }

    private CompletableFuture<?> drop(String kind, String detail) {
        dropped.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (logged.add(kind)) {
            LOG.log(Level.WARNING, "park {0}: dropped a {1} message ({2}); further ones are only counted", park, kind, detail);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Dropped messages by kind, for /health and tests. */
    public Map<String, Long> dropped() {
        Map<String, Long> out = new java.util.TreeMap<>();
        dropped.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long storedEvents() {
        return stored.get();
    }

    public long duplicateEvents() {
        return duplicates.get();
    }
}
