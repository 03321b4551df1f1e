package org.anju.bridge.park.enrollment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.TlsSettings;
import org.anju.bridge.park.config.ParkConfig;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A gateway's broker account made through Mosquitto's dynamic security plugin: the park signs in
 * as the plugin's admin ({@code broker.dynsec}), replaces any earlier client and role of the
 * gateway, and makes a role that allows exactly the gateway's topics (INSTALL.md's ACL for one
 * gateway: publish its events, telemetry, state, command replies and status; subscribe to its
 * commands and its state) and a client with that role and a random password. One short
 * connection per enrollment, on a thread of its own (enrollments are rare; no event loop waits).
 */
final class DynamicSecurity implements BrokerAccounts {
    static final String CONTROL = "$CONTROL/dynamic-security/v1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long ANSWER_SECONDS = 10;

    private final ParkConfig.Broker broker;
    private final ParkConfig.Dynsec dynsec;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "park-dynsec");
        t.setDaemon(true);
        return t;
    });

    DynamicSecurity(ParkConfig.Broker broker, ParkConfig.Dynsec dynsec) {
        this.broker = broker;
        this.dynsec = dynsec;
    }

    @Override
    public CompletableFuture<Issued> issue(Topics gateway) {
        return CompletableFuture.supplyAsync(() -> make(gateway), thread);
    }

    /** The role's name for a gateway: one per park and gateway. */
    static String role(Topics gateway) {
        return "anju-gateway-" + gateway.park() + "-" + gateway.gateway();
    }

    /** The ACL of one gateway, as INSTALL.md's patterns give it for user {@code %u}. */
    static JsonArray acls(Topics gateway) {
        JsonArray acls = new JsonArray();
        for (Topics.Stream s : List.of(Topics.Stream.EVENTS, Topics.Stream.TELEMETRY, Topics.Stream.STATE,
                Topics.Stream.REPLIES, Topics.Stream.STATUS)) {
            acls.add(acl("publishClientSend", gateway.topic(s)));
        }
        acls.add(acl("subscribeLiteral", gateway.commands()));
        acls.add(acl("subscribeLiteral", gateway.state()));
        return acls;
    }

    private static JsonObject acl(String type, String topic) {
        return new JsonObject().put("acltype", type).put("topic", topic).put("priority", 0).put("allow", true);
    }

    private Issued make(Topics gateway) {
        String password;
        try {
            password = Files.readAllLines(dynsec.adminPasswordFile()).stream().findFirst().orElse("");
        } catch (IOException e) {
            return new Issued.Failed("broker.dynsec.adminPasswordFile: cannot read " + dynsec.adminPasswordFile() + ": " + e.getMessage());
        }
        String user = gateway.gateway();
        String secret = randomPassword();
        JsonArray commands = new JsonArray()
                .add(new JsonObject().put("command", "deleteClient").put("username", user))
                .add(new JsonObject().put("command", "deleteRole").put("rolename", role(gateway)))
                .add(new JsonObject().put("command", "createRole").put("rolename", role(gateway))
                        .put("textname", "Anju gateway " + gateway.gateway() + " of park " + gateway.park()).put("acls", acls(gateway)))
                .add(new JsonObject().put("command", "createClient").put("username", user).put("password", secret)
                        .put("textname", "Anju gateway, enrolled").put("roles", new JsonArray()
                                .add(new JsonObject().put("rolename", role(gateway)).put("priority", 0))));
        MqttClient client = null;
        try {
            client = new MqttClient(broker.uri(), "anju-enroll-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(dynsec.adminUser());
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setConnectionTimeout((int) ANSWER_SECONDS);
            if (broker.uri().startsWith("ssl://")) {
                options.setSocketFactory(TlsSettings.serverOnly(broker.caFile().orElse(null)).socketFactory());
            }
            client.connect(options);
            LinkedBlockingQueue<JsonObject> answers = new LinkedBlockingQueue<>();
            // the array form: Paho 1.2.5's subscribe(topic, qos, listener) calls itself until the stack overflows
            client.subscribe(new MqttSubscription[] {new MqttSubscription(CONTROL + "/response", 1)},
                    new IMqttMessageListener[] {(topic, message) -> answers.add(new JsonObject(
                            new String(message.getPayload(), StandardCharsets.UTF_8)))});
            MqttMessage message = new MqttMessage(new JsonObject().put("commands", commands).encode().getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            message.setProperties(new MqttProperties());
            client.publish(CONTROL, message);
            JsonObject answer = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                return new Issued.Failed("the broker's dynamic security plugin did not answer within " + ANSWER_SECONDS
                        + " s (is it loaded, and is " + dynsec.adminUser() + " its admin?)");
            }
            for (Object o : answer.getJsonArray("responses", new JsonArray())) {
                JsonObject r = (JsonObject) o;
                String command = r.getString("command", "");
                if (r.getString("error") != null && command.startsWith("create")) {
                    return new Issued.Failed("the broker's dynamic security plugin refused " + command + ": " + r.getString("error"));
                }
            }
            return new Issued.Credentials(user, secret);
        } catch (MqttException e) {
            return new Issued.Failed("cannot reach the broker's dynamic security plugin at " + broker.uri() + " as "
                    + dynsec.adminUser() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Issued.Failed("interrupted");
        } catch (RuntimeException e) {
            return new Issued.Failed("the broker's dynamic security plugin: " + e.getMessage());
        } finally {
            close(client);
        }
    }

    private static void close(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException ignored) {
            // the account is made or not; a connection that does not close cleanly changes nothing
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
