package org.anju.bridge.park.mqtt;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.bridge.uplink.CredentialSource;
import org.anju.bridge.uplink.TlsSettings;

/**
 * The park bridge's connection to the broker. A persistent session (clean session off, a
 * stable client id per instance), so QoS 1 messages for its subscriptions wait at the broker
 * while the bridge restarts; manual acknowledgement, so a message is acknowledged only once the
 * handler's future completes (the store committed it): a crash or a failed store before that
 * means the broker sends it again on the next connection. Reconnects by itself with a fresh client every few seconds while the broker is
 * away (Paho's own reconnect can hang after a broker restart).
 */
public final class ParkMqtt implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParkMqtt.class.getName());

    /** What to do with a message; the message is acknowledged when the future completes, whatever its result. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<?> handle(String topic, byte[] payload);
    }

    /** One subscription: a topic filter (may be {@code $share/GROUP/...}) and its handler. */
    public record Subscription(String filter, Handler handler) {
    }

    private final String uri;
    private final String clientId;
    private final CredentialSource credentials;
    private final TlsSettings tls;
    private final List<Subscription> subscriptions;
    private final ScheduledExecutorService watchdog;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;

    public ParkMqtt(String uri, String clientId, CredentialSource credentials, TlsSettings tls,
                    List<Subscription> subscriptions) {
        this.uri = uri;
        this.clientId = clientId;
        this.credentials = credentials;
        this.tls = tls;
        this.subscriptions = List.copyOf(subscriptions);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "park-mqtt-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects now if the broker is there, and keeps connecting; never blocks longer than one attempt. */
    public void start() {
        watchdog.scheduleWithFixedDelay(this::reconnectIfNeeded, 0, 2, TimeUnit.SECONDS);
    }

    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** Publishes at QoS 1; completes when the broker acknowledged it. */
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            done.completeExceptionally(new IllegalStateException("not connected to the broker"));
            return done;
        }
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            c.publish(topic, m, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void reconnectIfNeeded() {
        if (closed || connected()) {
            return;
        }
        MqttAsyncClient old = client;
        try {
            MqttAsyncClient fresh = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
            fresh.setManualAcks(true);
            fresh.setCallback(new Callback(fresh));
            fresh.connect(options()).waitForCompletion(10_000);
            String[] filters = subscriptions.stream().map(Subscription::filter).toArray(String[]::new);
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            fresh.subscribe(filters, qos).waitForCompletion(10_000);
            client = fresh;
            LOG.log(Level.INFO, "park bridge {0}: connected to {1}", clientId, uri);
            abandon(old);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.WARNING, "park bridge {0}: broker {1} not reachable yet: {2}", clientId, uri, e.getMessage());
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setMaxInflight(1000);
        o.setConnectionTimeout(10);
        o.setSocketFactory(tls != null ? org.anju.bridge.uplink.NoDelaySockets.tls(tls.socketFactory())
                : org.anju.bridge.uplink.NoDelaySockets.plain());
        CredentialSource.Credentials c = credentials.resolve(System.getenv());
        if (c != null) {
            o.setUserName(c.username());
            o.setPassword(c.password());
        }
        return o;
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.log(Level.WARNING, "park bridge {0}: connection lost: {1}", clientId, String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Handler handler = subscriptions.stream().filter(s -> matches(s.filter(), topic)).map(Subscription::handler)
                    .findFirst().orElse(null);
            CompletableFuture<?> done;
            try {
                done = handler == null ? CompletableFuture.completedFuture(null) : handler.handle(topic, message.getPayload());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "park bridge: handler failed on " + topic, e);
                done = CompletableFuture.completedFuture(null);
            }
            done.whenComplete((r, e) -> {
                if (e != null) {
                    // not stored (the database is away): no acknowledgement, and a new session
                    // from the broker's queue once the watchdog reconnects, so the message comes again
                    LOG.log(Level.WARNING, "park bridge {0}: a message on {1} was not stored ({2}); reconnecting",
                            clientId, topic, String.valueOf(e));
                    abandon(owner);
                    return;
                }
                try {
                    owner.messageArrivedComplete(message.getId(), message.getQos());
                } catch (MqttException | RuntimeException gone) {
                    // the connection went: the broker sends the message again on the next one
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
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

    private static void abandon(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 1, false);
        } catch (MqttException | RuntimeException ignored) {
            // not connected
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // gone
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                c.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException | RuntimeException ignored) {
                // going anyway
            }
            abandon(c);
        }
    }
}
