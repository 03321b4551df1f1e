package org.anju.bridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;


/**
 * {@link MqttConnector} on Eclipse Paho's MQTT 5 client (1.2.5). A fresh Paho client per
 * connection: Paho reused for a reconnect can hang in {@code CommsSender.start}, and its own
 * reconnect is off. Sockets have Nagle off ({@link NoDelaySockets}); TLS checks the broker's host
 * name against its certificate.
 */
public final class Paho5 implements MqttConnector {
    /** What a broker that cannot speak MQTT 5 makes of our CONNECT, for the person who must act on it. */
    static final String NOT_MQTT5 = "the broker does not speak MQTT 5 (RabbitMQ before 3.13 and Moquette 0.17 speak"
            + " only MQTT 3.1.1); Anju needs MQTT 5: Mosquitto 2, EMQX 5, HiveMQ 4 or RabbitMQ 3.13 and later";

    /**
     * Whether Paho decodes through park-link's bulk-reading {@code CountingInputStream}, which
     * only happens when park-link comes before Paho on the class path; else every packet is copied
     * a byte at a time (18% of a park bridge's CPU in a drain).
     */
    public static boolean decodesInBulk() {
        return CountingInputStream.class.getProtectionDomain().getCodeSource()
                .getLocation().equals(Paho5.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Override
    public CompletableFuture<MqttSession> connect(ConnectSpec spec, MqttSession.Listener listener) {
        CompletableFuture<MqttSession> done = new CompletableFuture<>();
        MqttAsyncClient client;
        MqttConnectionOptions options;
        try {
            client = new MqttAsyncClient(spec.uri(), spec.clientId(), new MemoryPersistence());
            options = options(spec);
        } catch (MqttException | IllegalArgumentException e) {
            done.completeExceptionally(new Refused(-1, "broker " + spec.uri() + ": " + describe(e), e));
            return done;
        }
        client.setManualAcks(spec.manualAcks());
        Session session = new Session(client);
        client.setCallback(new Callback(client, spec.manualAcks(), listener));
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    MqttProperties granted = token.getResponseProperties();
                    if (granted != null && granted.getReceiveMaximum() != null && granted.getReceiveMaximum() > 0) {
                        session.limit(granted.getReceiveMaximum());
                    }
                    done.complete(session);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    session.drop();
                    done.completeExceptionally(refusal(spec, failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            session.drop();
            done.completeExceptionally(refusal(spec, e));
        }
        return done;
    }

    private static MqttConnectionOptions options(ConnectSpec spec) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(spec.cleanStart());
        o.setSessionExpiryInterval(spec.sessionExpirySeconds());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(spec.keepAliveSeconds());
        o.setConnectionTimeout(spec.connectTimeoutSeconds());
        o.setReceiveMaximum(spec.receiveMaximum());
        o.setRequestProblemInfo(true);
        if (spec.will() != null) {
            o.setWill(spec.will().topic(), new MqttMessage(spec.will().payload(), 1, spec.will().retained(), null));
        }
        if (spec.tls() != null) {
            o.setSocketFactory(NoDelaySockets.tls(spec.tls().socketFactory()));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        CredentialSource.Credentials credentials = spec.credentials().resolve(spec.environment());
        if (credentials != null) {
            o.setUserName(credentials.username());
            o.setPassword(new String(credentials.password()).getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    private static Refused refusal(ConnectSpec spec, Throwable failure) {
        int code = failure instanceof MqttException m ? m.getReasonCode() : -1;
        String what = switch (code) {
            case 0x84, 0x01 -> NOT_MQTT5;
            case 0x86, 0x04 -> "bad user name or password (check the user name and the password file)";
            case 0x87, 0x05 -> "not authorized: this user may not connect (check the broker's password file and ACL)";
            case 0x85 -> "client identifier not valid";
            case 0x8A -> "banned";
            default -> describe(failure);
        };
        boolean closed = false;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            closed |= t instanceof java.io.EOFException;
        }
        if (closed) {
            what = "the broker closed the connection on CONNECT: " + NOT_MQTT5;
        }
        return new Refused(code, "connect to " + spec.uri() + " as " + user(spec) + " failed: " + what, failure,
                closed || code == 0x84 || code == 0x01);
    }

    private static String user(ConnectSpec spec) {
        try {
            CredentialSource.Credentials c = spec.credentials().resolve(spec.environment());
            return c == null ? "anonymous" : "user " + c.username();
        } catch (IllegalArgumentException e) {
            return "a user whose password cannot be read (" + e.getMessage() + ")";
        }
    }

    /** Paho's message, its reason code, and the cause's message. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "connection closed";
        }
        if (t instanceof MqttException m) {
            String cause = m.getCause() == null ? "" : " (" + m.getCause().getMessage() + ")";
            return m.getMessage() + " [" + m.getReasonCode() + "]" + cause;
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static final class Session implements MqttSession {
        private final MqttAsyncClient client;

        Session(MqttAsyncClient client) {
            this.client = client;
        }

        /**
         * Publishes beyond the broker's receive maximum (Mosquitto's {@code max_inflight_messages}, 20 by
         * default) wait here: Paho would refuse them outright (32202), and a receipt or reply refused
         * that way would be lost.
         */
        void limit(int receiveMaximum) {
            this.limit = receiveMaximum;
        }

        private volatile int limit = 65_535;
        private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<Outcome> publish(String topic, byte[] payload, boolean retained, long expirySeconds) {
            CompletableFuture<Outcome> done = new CompletableFuture<>();
            MqttProperties properties = null;
            if (expirySeconds > 0) {
                properties = new MqttProperties();
                properties.setMessageExpiryInterval(expirySeconds);
            }
            MqttMessage message = new MqttMessage(payload, 1, retained, properties);
            Runnable send = () -> send(topic, message, done);
            if (inFlight.incrementAndGet() > limit) {
                inFlight.decrementAndGet();
                waiting.add(send);
                next(); // one may have finished meanwhile
            } else {
                send.run();
            }
            return done;
        }

        /** Starts waiting publishes while there is room. */
        private void next() {
            while (!waiting.isEmpty()) {
                if (inFlight.incrementAndGet() > limit) {
                    inFlight.decrementAndGet();
                    return;
                }
                Runnable r = waiting.poll();
                if (r == null) {
                    inFlight.decrementAndGet();
                    return;
                }
                r.run();
            }
        }

        private void finished() {
            inFlight.decrementAndGet();
            next();
        }

        private void send(String topic, MqttMessage message, CompletableFuture<Outcome> done) {
            try {
                client.publish(topic, message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        finished();
                        done.complete(outcome(token, 0));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        finished();
                        int code = failure instanceof MqttException m ? m.getReasonCode() : -1;
                        if (code >= 0x80 && code <= 0xFF) {
                            done.complete(new Outcome(code, reasonString(token)));
                        } else {
                            done.completeExceptionally(failure == null ? new MqttException(0) : failure);
                        }
                    }
                });
            } catch (MqttException | RuntimeException e) {
                finished();
                done.completeExceptionally(e);
            }
        }

        @Override
        public CompletableFuture<List<Outcome>> subscribe(List<String> filters) {
            CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
            MqttSubscription[] subscriptions = filters.stream().map(f -> new MqttSubscription(f, 1))
                    .toArray(MqttSubscription[]::new);
            try {
                client.subscribe(subscriptions, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        int[] codes = token.getReasonCodes();
                        List<Outcome> out = new ArrayList<>();
                        for (int i = 0; i < filters.size(); i++) {
                            out.add(codes != null && i < codes.length ? new Outcome(codes[i], reasonString(token)) : Outcome.OK);
                        }
                        done.complete(out);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        int[] codes = token == null ? null : token.getReasonCodes();
                        if (codes != null && codes.length == filters.size()) {
                            List<Outcome> out = new ArrayList<>();
                            for (int c : codes) {
                                out.add(new Outcome(c, reasonString(token)));
                            }
                            done.complete(out);
                        } else {
                            done.completeExceptionally(failure == null ? new MqttException(0) : failure);
                        }
                    }
                }, (MqttProperties) null);
            } catch (MqttException | RuntimeException e) {
                done.completeExceptionally(e);
            }
            return done;
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                client.disconnect(2_000, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        done.complete(null);
                        release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        done.complete(null);
                        drop();
                    }
                }, 0, new MqttProperties());
            } catch (MqttException | RuntimeException e) {
                done.complete(null);
                drop();
            }
            return done;
        }

        @Override
        public void drop() {
            Thread closer = new Thread(() -> {
                try {
                    client.disconnectForcibly(0, 1, false);
                } catch (MqttException | RuntimeException e) {
                    // not connected: nothing to drop
                }
                limit = Integer.MAX_VALUE; // what still waits fails now, on a client that is gone
                next();
                release();
            }, "mqtt-drop");
            closer.setDaemon(true);
            closer.start();
        }

        private void release() {
            try {
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                // nothing more to release
            }
        }
    }

    private static Outcome outcome(IMqttToken token, int fallback) {
        int[] codes = token.getReasonCodes();
        int code = codes == null || codes.length == 0 ? fallback : codes[0];
        return code == 0 ? Outcome.OK : new Outcome(code, reasonString(token));
    }

    private static String reasonString(IMqttToken token) {
        MqttProperties p = token == null ? null : token.getResponseProperties();
        return p == null ? null : p.getReasonString();
    }

    private static final class Callback implements MqttCallback {
        private final MqttAsyncClient client;
        private final boolean manualAcks;
        private final MqttSession.Listener listener;

        Callback(MqttAsyncClient client, boolean manualAcks, MqttSession.Listener listener) {
            this.client = client;
            this.manualAcks = manualAcks;
            this.listener = listener;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getException() != null ? describe(response.getException())
                    : "the broker disconnected: " + new Outcome(response.getReturnCode(), response.getReasonString()).describe();
            listener.lost(why);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            listener.lost("protocol error: " + describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Runnable ack = !manualAcks ? () -> { } : () -> {
                try {
                    client.messageArrivedComplete(message.getId(), message.getQos());
                } catch (MqttException | RuntimeException gone) {
                    // the connection went: the broker sends the message again on the next one
                }
            };
            listener.message(topic, message.getPayload(), message.isRetained(), ack);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publishes are followed through their own listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
