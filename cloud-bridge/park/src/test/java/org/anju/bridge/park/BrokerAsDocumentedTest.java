package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.ConnectSpec;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.mqtt.MqttSession;
import org.anju.bridge.mqtt.Outcome;
import org.anju.bridge.mqtt.Paho5;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.DocumentedBroker;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.TestPki;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.mqtt.TlsSettings;

/**
 * Debian's Mosquitto with exactly the files INSTALL.md documents (only paths and the port
 * changed): the park's bridge and a gateway work through it over TLS, and every way around it an
 * operator should worry about is closed: anonymous clients, another gateway's credentials writing
 * or reading this gateway's topics, and a client taking a gateway's or the bridge's client id.
 */
@Tag("peer")
@Tag("wire")
class BrokerAsDocumentedTest {
    private static final Topics GW = new Topics("huaqiao", "gw-b07");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    static Map<String, String> documentedFiles() throws Exception {
        return DocumentedBroker.files(Path.of("src/dist/INSTALL.md"));
    }

    private MosquittoBroker documentedBroker(TestPki pki) throws Exception {
        assertThat(documentedFiles()).containsKeys("/etc/mosquitto/conf.d/anju.conf", "/etc/mosquitto/anju.acl");
        return closer.keep(DocumentedBroker.start(Path.of("src/dist/INSTALL.md"), dir, pki,
                List.of("bridge-huaqiao-1", "bridge-huaqiao-1-live", "gw-b07", "gw-b08")));
    }

    private String tlsUri(MosquittoBroker broker) {
        return "ssl://localhost:" + broker.port();
    }

    private Path password(String user) throws Exception {
        return DocumentedBroker.passwordFile(dir, user);
    }

    private ParkBridge bridge(MosquittoBroker broker, TestPki pki) throws Exception {
        return closer.keep(TestPark.onBroker(dir, ("uri: \"%s\", username: bridge-huaqiao-1, passwordFile: %s, caFile: %s,"
                + " live: {passwordFile: %s}").formatted(tlsUri(broker), password("bridge-huaqiao-1"), pki.caCert(),
                password("bridge-huaqiao-1-live")),
                "[{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}]"));
    }

    private MqttSession client(MosquittoBroker broker, TestPki pki, String user, String clientId, List<String> heard)
            throws Exception {
        CredentialSource credentials = user == null ? new CredentialSource.None()
                : new CredentialSource.PasswordFile(user, password(user));
        ConnectSpec spec = new ConnectSpec(tlsUri(broker), clientId, credentials, TlsSettings.serverOnly(pki.caCert()), true,
                0, 10, 5, 10, null, false, Map.of());
        return new Paho5().connect(spec, new MqttSession.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
                if (heard != null) {
                    heard.add(topic);
                }
            }

            @Override
            public void lost(String reason) {
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void theDocumentedBrokerCarriesTheParkAndShutsEveryoneElseOut() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        MosquittoBroker broker = documentedBroker(pki);
        ParkBridge bridge = bridge(broker, pki);
        await().atMost(Duration.ofSeconds(30)).until(bridge::brokerConnected);

        // the normal path: a gateway with its own user, over TLS, every event confirmed by the park
        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        outbox.appendMany(30, Priority.ACCESS, "door.access_granted");
        GatewayUplink uplink = closer.keep(Uplinks.builder(Uplinks.config(tlsUri(broker), GW)
                        .withTls(TlsSettings.serverOnly(pki.caCert()))
                        .withCredentials(new CredentialSource.PasswordFile("gw-b07", password("gw-b07"))))
                .outbox(outbox).sessions(Uplinks.sessions()).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.unacknowledgedCount() == 0);
        assertThat(bridge.ingest().storedEvents()).isEqualTo(30);
        assertThat(uplink.status().connects()).isEqualTo(1);

        // anonymous: refused at connect
        assertThat(new Paho5().connect(new ConnectSpec(tlsUri(broker), "anon", new CredentialSource.None(),
                TlsSettings.serverOnly(pki.caCert()), true, 0, 10, 5, 10, null, false, Map.of()), null)
                .handle((s, e) -> e)).succeedsWithin(Duration.ofSeconds(20))
                .satisfies(e -> assertThat(e).isNotNull().hasMessageContaining("not authorized"));

        // another gateway's credentials: cannot write this gateway's topics (the broker answers 0x87,
        // and Paho drops such a connection, so each try is a connection of its own)
        Outcome forged = client(broker, pki, "gw-b08", "anju-huaqiao-gw-b07", null)
                .publish(GW.events(), "{\"v\":1}".getBytes(StandardCharsets.UTF_8), false, 0).get(10, TimeUnit.SECONDS);
        assertThat(forged.code()).as(forged.describe()).isEqualTo(Outcome.NOT_AUTHORIZED);
        Outcome cleared = client(broker, pki, "gw-b08", "anju-huaqiao-gw-b07", null)
                .publish(GW.state(), new byte[0], true, 0).get(10, TimeUnit.SECONDS);
        assertThat(cleared.code()).as("the retained state is not the other gateway's to clear").isEqualTo(Outcome.NOT_AUTHORIZED);
        // ... nor read them (Mosquitto grants the subscription and delivers nothing the ACL denies),
        // nor take the bridge's client id: the id it asks for becomes its own user name
        List<String> overheard = new java.util.concurrent.CopyOnWriteArrayList<>();
        MqttSession squatter = client(broker, pki, "gw-b08", "bridge-huaqiao-1", overheard);
        squatter.subscribe(List.of(GW.commands(), GW.events(), GW.telemetry(), GW.state(), "anju/v1/#"))
                .get(10, TimeUnit.SECONDS);
        outbox.appendMany(5, Priority.ALARM, "door.forced_open");
        uplink.wake(Priority.ALARM);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.unacknowledgedCount() == 0);
        assertThat(bridge.ingest().storedEvents()).as("the bridge stayed on and stored").isEqualTo(35);
        assertThat(uplink.status().connects()).as("the gateway was never knocked off").isEqualTo(1);
        assertThat(bridge.brokerConnected()).isTrue();
        assertThat(overheard).as("batches went out and receipts came back, none of them to the other gateway").isEmpty();
        assertThat(broker.logText()).as("nobody was taken over")
                .doesNotContain("Client gw-b07 already connected").doesNotContain("Client bridge-huaqiao-1 already connected");
        squatter.drop();
    }

    @Test
    void theExampleConfigurationHasNoKnobTheDocsDoNotExplain() throws Exception {
        String conf = documentedFiles().get("/etc/mosquitto/conf.d/anju.conf");
        assertThat(conf).contains("allow_anonymous false", "use_username_as_clientid true", "password_file", "acl_file",
                "cafile", "certfile", "keyfile");
        assertThat(documentedFiles().get("/etc/mosquitto/anju.acl")).contains("pattern write anju/v1/+/%u/events",
                "pattern read anju/v1/+/%u/cmd");
        assertThat(MqttConnector.forProtocol("mqtt5")).isInstanceOf(Paho5.class);
    }
}
