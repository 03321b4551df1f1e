package org.anju.bridge.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;

/**
 * The park's end, as much as the tests need: subscribes to one gateway's events, telemetry,
 * state and replies (QoS 1), feeds batches to an {@link EventLedger}, keeps states and replies, and
 * publishes commands. A persistent one (clean session off, reconnecting by itself) keeps its
 * subscription and queued messages across a restart of a persistent broker, as the park bridge does.
 * It reconnects with a fresh Paho client each time rather than Paho's automatic reconnect, which
 * in 1.2.5 can hang forever in {@code CommsSender.start} after a broker restart.
 */
public final class ParkClient implements AutoCloseable {
    private volatile MqttAsyncClient client;
    private final String uri;
    private final String clientId;
    private final boolean persistent;
    private final java.util.concurrent.ScheduledExecutorService watchdog;
    private volatile boolean closed;
    private final Topics gateway;
    private final EventLedger ledger = new EventLedger();
    private final List<GatewayState> states = new CopyOnWriteArrayList<>();
    private final List<CommandReply> replies = new CopyOnWriteArrayList<>();
    private final List<String> invalid = new CopyOnWriteArrayList<>();
    private volatile boolean confirming = true;

    public static ParkClient connect(String uri, Topics gateway, boolean persistent) throws MqttException {
        return new ParkClient(uri, gateway, persistent);
    }

    private ParkClient(String uri, Topics gateway, boolean persistent) throws MqttException {
        this.uri = uri;
        this.gateway = gateway;
        this.persistent = persistent;
        this.clientId = "park-test-" + gateway.gateway() + (persistent ? "-p" : "-" + System.nanoTime());
        this.client = connectFresh();
        this.watchdog = persistent ? java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "park-reconnect");
            t.setDaemon(true);
            return t;
        }) : null;
        if (watchdog != null) {
            watchdog.scheduleWithFixedDelay(this::reconnectIfNeeded, 100, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private MqttAsyncClient connectFresh() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(!persistent);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        options.setKeepAliveInterval(5);
        options.setConnectionTimeout(3);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                receive(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        try {
            c.connect(options).waitForCompletion(5_000);
            String[] filters = {gateway.events(), gateway.telemetry(), gateway.state(), gateway.replies()};
            c.subscribe(filters, new int[] {1, 1, 1, 1}).waitForCompletion(5_000);
            return c;
        } catch (MqttException e) {
            abandon(c);
            throw e;
        }
    }

    private void reconnectIfNeeded() {
        if (closed || client.isConnected()) {
            return;
        }
        MqttAsyncClient old = client;
        try {
            client = connectFresh();
            abandon(old);
        } catch (MqttException e) {
            // the broker is not back yet: next tick
        }
    }

    private static void abandon(MqttAsyncClient c) {
        Thread closer = new Thread(() -> {
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
        }, "park-abandon");
        closer.setDaemon(true);
        closer.start();
    }

    private void receive(String topic, byte[] payload) {
        if (topic.equals(gateway.events()) || topic.equals(gateway.telemetry())) {
            Decoded<EventBatch> batch = ContractJson.decode(payload, EventBatch.class);
            if (batch instanceof Decoded.Ok<EventBatch> ok) {
                ledger.accept(ok.value());
                if (confirming) {
                    confirm(ok.value());
                }
            } else {
                invalid.add(topic + ": " + ((Decoded.Invalid<EventBatch>) batch).reason());
            }
        } else if (topic.equals(gateway.state())) {
            Decoded<GatewayState> state = ContractJson.decode(payload, GatewayState.class);
            if (state instanceof Decoded.Ok<GatewayState> ok) {
                states.add(ok.value());
            } else {
                invalid.add(topic + ": " + new String(payload, StandardCharsets.UTF_8));
            }
        } else if (topic.equals(gateway.replies())) {
            Decoded<CommandReply> reply = ContractJson.decode(payload, CommandReply.class);
            if (reply instanceof Decoded.Ok<CommandReply> ok) {
                replies.add(ok.value());
            } else {
                invalid.add(topic + ": " + ((Decoded.Invalid<CommandReply>) reply).reason());
            }
        }
    }

    /**
     * Confirms what it stored, as the park bridge does: a receipt signed with the test park's key
     * ({@link Uplinks#PARK_KEY}) on the gateway's command topic. Off, the gateway's events stay
     * unconfirmed, as with a park that is down.
     */
    public ParkClient confirming(boolean on) {
        this.confirming = on;
        return this;
    }

    private void confirm(EventBatch batch) {
        long upTo = ledger.upTo();
        List<Long> seqs = batch.events().stream().map(EventBatch.Event::seq).sorted().toList();
        org.anju.bridge.contract.DeliveryReceipt receipt = org.anju.bridge.contract.DeliveryReceipt.of(gateway, upTo,
                org.anju.bridge.contract.DeliveryReceipt.rangesOf(seqs, upTo), System.currentTimeMillis(), Uplinks.PARK_KEY_ID);
        byte[] signed = org.anju.bridge.contract.SignedJson.sign(org.anju.bridge.contract.SignedJson.RECEIPT, receipt,
                Uplinks.PARK_KEY.getPrivate());
        try {
            client.publish(gateway.commands(), signed, 1, false);
        } catch (MqttException e) {
            // the gateway sends again and the next batch's receipt says it
        }
    }

    public EventLedger ledger() {
        return ledger;
    }

    public List<GatewayState> states() {
        return new ArrayList<>(states);
    }

    public List<CommandReply> replies() {
        return new ArrayList<>(replies);
    }

    public CommandReply replyTo(String requestId) {
        return replies.stream().filter(r -> requestId.equals(r.requestId())).findFirst().orElse(null);
    }

    /** Payloads that did not decode as the contract says: must stay empty. */
    public List<String> invalid() {
        return new ArrayList<>(invalid);
    }

    public void send(SignedCommand command) throws MqttException {
        send(ContractJson.encode(command));
    }

    public void send(byte[] payload) throws MqttException {
        client.publish(gateway.commands(), payload, 1, false).waitForCompletion(10_000);
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
    }

    @Override
    public void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        MqttAsyncClient client = this.client;
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left
        }
    }
}
