package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.anju.bridge.contract.Priority;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.TlsSettings;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPki;
import org.anju.bridge.testing.Uplinks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


/** User name and password from a file or the environment, and TLS with a client certificate, against Mosquitto. */
@Tag("peer")
class BrokerSecurityTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T keep(T resource) {
        return closer.keep(resource);
    }

    private GatewayUplink drain(UplinkConfig config, Map<String, String> env, InMemoryOutbox outbox) {
        return keep(Uplinks.builder(config).outbox(outbox).sessions(Uplinks.sessions()).environment(env).start());
    }

    @Test
    void credentialsFromAFileOrTheEnvironmentAndAWrongPasswordKeepsRetrying() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).password("gw-1", "correct horse").start());
        Path file = dir.resolve("mqtt-password");
        Files.writeString(file, "correct horse\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        InMemoryOutbox viaFile = keep(new InMemoryOutbox());
        viaFile.appendMany(50, Priority.ACCESS, "door.access");
        // no park here: the broker taking every event (PUBACK) is what these credentials are for
        GatewayUplink fromFile = drain(Uplinks.config(broker.uri()).withCredentials(new CredentialSource.PasswordFile("gw-1", file)),
                Map.of(), viaFile);
        await().atMost(Duration.ofSeconds(10)).until(() -> fromFile.status().unconfirmedEvents() == 50);

        InMemoryOutbox viaEnv = keep(new InMemoryOutbox());
        viaEnv.appendMany(50, Priority.ACCESS, "door.access");
        CredentialSource env = new CredentialSource.PasswordVariable("gw-1", "ANJU_MQTT_PASSWORD");
        GatewayUplink fromEnv = drain(Uplinks.config(broker.uri(), new org.anju.bridge.contract.Topics("park-1", "gw-2"))
                .withCredentials(env), Map.of("ANJU_MQTT_PASSWORD", "correct horse"), viaEnv);
        await().atMost(Duration.ofSeconds(10)).until(() -> fromEnv.status().unconfirmedEvents() == 50);
        assertThat(viaEnv.acknowledgedCount()).as("nothing is delivered until the park confirms it").isZero();

        InMemoryOutbox refused = keep(new InMemoryOutbox());
        refused.appendMany(5, Priority.ACCESS, "door.access");
        GatewayUplink wrong = drain(Uplinks.config(broker.uri(), new org.anju.bridge.contract.Topics("park-1", "gw-3"))
                .withCredentials(env), Map.of("ANJU_MQTT_PASSWORD", "battery staple"), refused);
        await().atMost(Duration.ofSeconds(10)).until(() -> wrong.status().session() >= 3);
        assertThat(wrong.status().link()).isNotEqualTo(UplinkStatus.Link.CONNECTED);
        assertThat(wrong.status().lastProblem()).containsIgnoringCase("not authorized").doesNotContain("battery");
        assertThat(refused.acknowledgedCount()).isZero();
    }

    @Test
    void tlsWithAClientCertificateConnectsAndWithoutOneOrWithTheWrongCaDoesNot() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).tls(pki, true).start());

        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        outbox.appendMany(100, Priority.ALARM, "alarm.smoke");
        GatewayUplink uplink = drain(Uplinks.config(broker.tlsUri())
                .withTls(new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey())), Map.of(), outbox);
        await().atMost(Duration.ofSeconds(15)).until(() -> uplink.status().unconfirmedEvents() == 100);
        assertThat(uplink.status().connects()).isEqualTo(1);
        assertThat(uplink.status().lastProblem()).as("no park subscribes here, and the broker says so (0x10)")
                .contains("nobody subscribes");

        InMemoryOutbox noCert = keep(new InMemoryOutbox());
        noCert.appendMany(5, Priority.ALARM, "alarm.smoke");
        GatewayUplink anonymous = drain(Uplinks.config(broker.tlsUri(), new org.anju.bridge.contract.Topics("park-1", "gw-2"))
                .withTls(TlsSettings.serverOnly(pki.caCert())), Map.of(), noCert);
        TestPki other = TestPki.create(dir.resolve("other-pki"));
        InMemoryOutbox wrongCa = keep(new InMemoryOutbox());
        wrongCa.appendMany(5, Priority.ALARM, "alarm.smoke");
        GatewayUplink mistrusting = drain(Uplinks.config(broker.tlsUri(), new org.anju.bridge.contract.Topics("park-1", "gw-3"))
                .withTls(new TlsSettings(other.caCert(), other.clientCert(), other.clientKey())), Map.of(), wrongCa);

        await().atMost(Duration.ofSeconds(15)).until(() -> anonymous.status().session() >= 3
                && mistrusting.status().session() >= 3);
        for (GatewayUplink refused : List.of(anonymous, mistrusting)) {
            assertThat(refused.status().connects()).isZero();
            assertThat(refused.status().lastProblem()).contains("failed");
        }
        assertThat(noCert.acknowledgedCount() + wrongCa.acknowledgedCount()).isZero();
    }
}
