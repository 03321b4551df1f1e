package org.anju.bridge.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;


/**
 * MQTT 3.1.1, only for a broker that speaks nothing newer: Moquette 0.17, the zero-setup broker of
 * {@code ./anju demo} and of a single-building install. 3.1.1 has no way to say no to a publish
 * (a denied PUBACK looks like any other) and no session or message expiry; with it a wrong user name
 * shows only as the park confirming nothing ({@code park.unconfirmed}). SUBACK's 0x80 is read.
 */
public final class Paho3 implements MqttConnector {
    @Override
    public CompletableFuture<MqttSession> connect(ConnectSpec spec, MqttSession.Listener listener) {
        CompletableFuture<MqttSession> done = new CompletableFuture<>();
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(spec.uri(), spec.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            done.completeExceptionally(new Refused(-1, "broker " + spec.uri() + ": " + e.getMessage(), e));
            return done;
        }
        client.setManualAcks(spec.manualAcks());
        Session session = new Session(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                listener.lost(cause == null ? "connection closed" : String.valueOf(cause.getMessage()));
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Runnable ack = !spec.manualAcks() ? () -> { } : () -> {
                    try {
                        client.messageArrivedComplete(message.getId(), message.getQos());
                    } catch (MqttException | RuntimeException gone) {
                        // sent again on the next connection
                    }
                };
                listener.message(topic, message.getPayload(), message.isRetained(), ack);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        try {
            client.connect(options(spec), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(session);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    session.drop();
                    int code = failure instanceof MqttException m ? m.getReasonCode() : -1;
                    done.completeExceptionally(new Refused(code, "connect to " + spec.uri() + " failed (MQTT 3.1.1): "
                            + (failure == null ? "no answer" : failure.getMessage()), failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            session.drop();
            done.completeExceptionally(new Refused(-1, "connect to " + spec.uri() + " failed: " + e.getMessage(), e));
        }
        return done;
    }

    private static MqttConnectOptions options(ConnectSpec spec) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(spec.cleanStart());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(spec.keepAliveSeconds());
        o.setConnectionTimeout(spec.connectTimeoutSeconds());
        o.setMaxInflight(Math.max(10, spec.receiveMaximum()));
        if (spec.will() != null) {
            o.setWill(spec.will().topic(), spec.will().payload(), 1, spec.will().retained());
        }
        o.setSocketFactory(spec.tls() != null ? NoDelaySockets.tls(spec.tls().socketFactory()) : NoDelaySockets.plain());
        o.setHttpsHostnameVerificationEnabled(spec.tls() != null);
        CredentialSource.Credentials c = spec.credentials().resolve(spec.environment());
        if (c != null) {
            o.setUserName(c.username());
            o.setPassword(c.password());
        }
        return o;
    }

    private static final class Session implements MqttSession {
        private final MqttAsyncClient client;

        Session(MqttAsyncClient client) {
            this.client = client;
        }

        @Override
        public CompletableFuture<Outcome> publish(String topic, byte[] payload, boolean retained, long expirySeconds) {
            CompletableFuture<Outcome> done = new CompletableFuture<>();
            try {
                client.publish(topic, payload, 1, retained, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        done.complete(Outcome.OK);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        done.completeExceptionally(failure == null ? new MqttException(0) : failure);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                done.completeExceptionally(e);
            }
            return done;
        }

        @Override
        public CompletableFuture<List<Outcome>> subscribe(List<String> filters) {
            CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
            int[] qos = new int[filters.size()];
            Arrays.fill(qos, 1);
            try {
                client.subscribe(filters.toArray(String[]::new), qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        int[] granted = token.getGrantedQos();
                        List<Outcome> out = new ArrayList<>();
                        for (int i = 0; i < filters.size(); i++) {
                            boolean refused = granted != null && i < granted.length && granted[i] == 0x80;
                            out.add(refused ? new Outcome(0x80, "refused (MQTT 3.1.1 gives no reason)") : Outcome.OK);
                        }
                        done.complete(out);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        done.completeExceptionally(failure == null ? new MqttException(0) : failure);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                done.completeExceptionally(e);
            }
            return done;
        }

        @Override
        public CompletableFuture<Void> disconnect() {
            return CompletableFuture.runAsync(() -> {
                try {
                    client.disconnect(2_000).waitForCompletion(3_000);
                } catch (MqttException | RuntimeException e) {
                    // closing anyway
                }
                drop();
            });
        }

        @Override
        public void drop() {
            Thread closer = new Thread(() -> {
                try {
                    client.disconnectForcibly(0, 1, false);
                } catch (MqttException | RuntimeException e) {
                    // not connected
                }
                try {
                    client.close(true);
                } catch (MqttException | RuntimeException e) {
                    // gone
                }
            }, "mqtt-drop");
            closer.setDaemon(true);
            closer.start();
        }
    }
}
