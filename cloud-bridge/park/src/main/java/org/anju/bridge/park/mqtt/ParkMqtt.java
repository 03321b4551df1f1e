package org.anju.bridge.park.mqtt;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.uplink.Backoff;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.TlsSettings;

/**
 * The park bridge's connection to the broker, through the same {@link MqttConnector} as the
 * gateway's uplink. A persistent session (clean start off, kept by the broker for
 * {@link #SESSION_EXPIRY}, a stable client id per instance), so QoS 1 messages for its
 * subscriptions wait at the broker while the bridge restarts; manual acknowledgement, so a message
 * is acknowledged only once the handler's future completes (the store committed it): a crash or a
 * failed store before that means the broker sends it again. Reconnects with {@link Backoff}'s
 * jitter while the broker is away; a subscription the broker refuses is a reason the bridge is not
 * ready, named with its filter and reason code.
 */
public final class ParkMqtt implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParkMqtt.class.getName());
    /** How long the broker keeps the bridge's session (its subscriptions and queued batches) while it is away. */
    public static final Duration SESSION_EXPIRY = Duration.ofDays(2);

    /** What to do with a message; the message is acknowledged when the future completes normally. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<?> handle(String topic, byte[] payload);
    }

    /** One subscription: a topic filter (may be {@code $share/GROUP/...}) and its handler. */
    public record Subscription(String filter, Handler handler) {
    }

    private final ConnectSpec spec;
    private final MqttConnector connector;
    private final List<Subscription> subscriptions;
    private final ScheduledExecutorService thread;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(1));
    private final RandomGenerator random = RandomGenerator.getDefault();
    private volatile MqttSession session;
    private volatile String problem = "not connected yet";
    private volatile boolean closed;
    private final CompletableFuture<java.util.Optional<String>> firstAttempt = new CompletableFuture<>();
    private int attempt;
    private long connectedAt;

    public ParkMqtt(String uri, String clientId, CredentialSource credentials, TlsSettings tls,
                    List<Subscription> subscriptions, MqttConnector connector) {
        this.spec = new ConnectSpec(uri, clientId, credentials, tls, false, SESSION_EXPIRY.toSeconds(), 30, 10, 1000, null,
                true, System.getenv());
        this.connector = connector;
        this.subscriptions = List.copyOf(subscriptions);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "park-mqtt-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects now if the broker is there, and keeps connecting; never blocks. */
    public void start() {
        thread.execute(this::connect);
    }

    /**
     * The first connection attempt's verdict on the broker: a reason the bridge cannot work with it
     * (it does not speak MQTT 5), or empty (connected, or a failure worth retrying: not there yet,
     * wrong password).
     */
    public CompletableFuture<java.util.Optional<String>> firstAttempt() {
        return firstAttempt;
    }

    public boolean connected() {
        return session != null && problem == null;
    }

    /** Why the bridge is not connected or not subscribed as it must be; null when it is. */
    public String problem() {
        return problem;
    }

    /** Publishes at QoS 1; completes with the broker's answer, exceptionally when not connected. */
    public CompletableFuture<Outcome> publish(String topic, byte[] payload, long expirySeconds) {
        MqttSession s = session;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to the broker"));
        }
        return s.publish(topic, payload, false, expirySeconds);
    }

    private void connect() {
        if (closed) {
            return;
        }
        connector.connect(spec, new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
                deliver(topic, payload, ack);
            }

            @Override
            public void lost(String reason) {
                thread.execute(() -> onLost(reason));
            }
        }).orTimeout(2 * spec.connectTimeoutSeconds(), TimeUnit.SECONDS).whenComplete((s, failure) -> thread.execute(() -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure;
                firstAttempt.complete(cause instanceof MqttConnector.Refused r && r.notMqtt5()
                        ? java.util.Optional.of(r.getMessage()) : java.util.Optional.empty());
                retry(String.valueOf(cause.getMessage()));
                return;
            }
            firstAttempt.complete(java.util.Optional.empty());
            if (closed) {
                s.drop();
                return;
            }
            session = s;
            connectedAt = System.nanoTime();
            subscribe(s);
        }));
    }

    private void subscribe(MqttSession s) {
        List<String> filters = subscriptions.stream().map(Subscription::filter).toList();
        s.subscribe(filters).whenComplete((outcomes, failure) -> thread.execute(() -> {
            if (failure != null) {
                problem = "subscribing failed: " + failure.getMessage();
                return;
            }
            String refused = null;
            for (int i = 0; i < outcomes.size(); i++) {
                if (!outcomes.get(i).accepted()) {
                    refused = (refused == null ? "" : refused + "; ") + "the broker refused the subscription to "
                            + filters.get(i) + ": " + outcomes.get(i).describe();
                }
            }
            problem = refused;
            if (refused != null) {
                LOG.log(Level.ERROR, "park bridge {0}: {1}", spec.clientId(), refused);
            } else {
                LOG.log(Level.INFO, "park bridge {0}: connected to {1}", spec.clientId(), spec.uri());
            }
        }));
    }

    private void onLost(String reason) {
        MqttSession s = session;
        session = null;
        if (s != null) {
            s.drop();
        }
        if (System.nanoTime() - connectedAt >= backoff.resetAfter().toNanos()) {
            attempt = 0;
        }
        retry("connection lost: " + reason);
    }

    private void retry(String why) {
        problem = why;
        if (closed) {
            return;
        }
        long delay = backoff.delayMillis(attempt++, random);
        LOG.log(attempt <= 1 ? Level.WARNING : Level.INFO, "park bridge {0}: {1}; next attempt in {2} ms",
                spec.clientId(), why, delay);
        thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void deliver(String topic, byte[] payload, Runnable ack) {
        Handler handler = subscriptions.stream().filter(s -> matches(s.filter(), topic)).map(Subscription::handler)
                .findFirst().orElse(null);
        CompletableFuture<?> done;
        try {
            done = handler == null ? CompletableFuture.completedFuture(null) : handler.handle(topic, payload);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "park bridge: handler failed on " + topic, e);
            done = CompletableFuture.completedFuture(null);
        }
        done.whenComplete((r, e) -> {
            if (e != null) {
                // not stored (the database is away): no acknowledgement, and the broker sends it again
                // from the session once the connection is made again
                LOG.log(Level.WARNING, "park bridge {0}: a message on {1} was not stored ({2}); reconnecting",
                        spec.clientId(), topic, String.valueOf(e));
                thread.execute(() -> onLost("a message could not be stored"));
                return;
            }
            ack.run();
        });
    }

    /** MQTT filter matching with + and #; a {@code $share/GROUP/} prefix is the group's, not the topic's. */
    static boolean matches(String filter, String topic) {
        String f = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        String[] fl = f.split("/", -1);
        String[] tl = topic.split("/", -1);
        for (int i = 0; i < fl.length; i++) {
            if (fl[i].equals("#")) {
                return true;
            }
            if (i >= tl.length || (!fl[i].equals("+") && !fl[i].equals(tl[i]))) {
                return false;
            }
        }
        return fl.length == tl.length;
    }

    /** For tests: the connection settings, e.g. to see the session expiry. */
    public Map<String, Object> settings() {
        return Map.of("clientId", spec.clientId(), "cleanStart", spec.cleanStart(),
                "sessionExpirySeconds", spec.sessionExpirySeconds());
    }

    @Override
    public void close() {
        closed = true;
        MqttSession s = session;
        session = null;
        if (s != null) {
            try {
                s.disconnect().get(3, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                s.drop();
            }
        }
        thread.shutdownNow();
    }
}
