package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.TlsSettings;
import org.anju.bridge.testing.TestPki;
import org.anju.bridge.testing.Uplinks;

/** Session counter, credentials and TLS files: problems a person can act on. */
@Tag("peer")
class UplinkSettingsTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-15T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSessionCounterGrowsAcrossInstancesAndJumpsAheadOfADamagedFile() throws Exception {
        Path file = dir.resolve("state").resolve("session");
        assertThat(new FileSessionSequence(file, clock).next()).isEqualTo(1);
        assertThat(new FileSessionSequence(file, clock).next()).isEqualTo(2); // a restarted agent
        FileSessionSequence same = new FileSessionSequence(file, clock);
        assertThat(same.next()).isEqualTo(3);
        assertThat(Files.readString(file).trim()).isEqualTo("3");

        Files.writeString(file, "\0\0garbage");
        long jumped = new FileSessionSequence(file, clock).next();
        assertThat(jumped).isGreaterThan(clock.millis()); // above any count a gateway could have reached
        assertThat(new FileSessionSequence(file, clock).next()).isEqualTo(jumped + 1);
    }

    @Test
    void credentialsComeFromAFileOrTheEnvironmentAndNeverShowThePassword() throws Exception {
        Path file = dir.resolve("mqtt-password");
        Files.writeString(file, "s3cret: with spaces\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CredentialSource.Credentials fromFile = new CredentialSource.PasswordFile("gw-b07", file).resolve(Map.of());
        assertThat(fromFile.username()).isEqualTo("gw-b07");
        assertThat(new String(fromFile.password())).isEqualTo("s3cret: with spaces");
        assertThat(fromFile.toString()).doesNotContain("s3cret");

        CredentialSource env = new CredentialSource.PasswordVariable("gw-b07", "ANJU_MQTT_PASSWORD");
        assertThat(env.resolve(Map.of("ANJU_MQTT_PASSWORD", "pw")).username()).isEqualTo("gw-b07");
        assertThatThrownBy(() -> env.resolve(Map.of())).hasMessageContaining("ANJU_MQTT_PASSWORD");
        assertThatThrownBy(() -> new CredentialSource.PasswordFile("gw-b07", dir.resolve("missing")).resolve(Map.of()))
                .hasMessageContaining("missing").hasMessageContaining("cannot read");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> new CredentialSource.PasswordFile("gw-b07", file).resolve(Map.of()))
                .hasMessageContaining("first line");
        assertThatThrownBy(() -> new CredentialSource.PasswordVariable(" ", "ANJU_MQTT_PASSWORD"))
                .hasMessageContaining("user name");
        assertThat(new CredentialSource.None().resolve(Map.of())).isNull();
    }

    @Test
    void tlsFilesAreReadOrRefusedWithTheFileAndTheFix() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        assertThat(new TlsSettings(pki.caCert(), pki.clientCert(), pki.clientKey()).socketFactory()).isNotNull();
        assertThat(TlsSettings.serverOnly(pki.caCert()).socketFactory()).isNotNull();

        Path notPem = Files.writeString(dir.resolve("ca.txt"), "hello");
        assertThatThrownBy(() -> TlsSettings.serverOnly(notPem).socketFactory()).hasMessageContaining("ca.txt");
        Path pkcs1 = Files.writeString(dir.resolve("old.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> new TlsSettings(pki.caCert(), pki.clientCert(), pkcs1).socketFactory())
                .hasMessageContaining("old.key").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> new TlsSettings(pki.caCert(), pki.clientCert(), null))
                .hasMessageContaining("key");
    }

    @Test
    void configRefusesAnSslBrokerWithoutTlsAndOtherSchemes() {
        Topics t = new Topics("p1", "gw-1");
        assertThatThrownBy(() -> Uplinks.builder(UplinkConfig.of("ssl://broker:8883", t, "1"))
                .outbox(new org.anju.bridge.testing.InMemoryOutbox()).sessions(() -> 1).start())
                .hasMessageContaining("TLS");
        assertThatThrownBy(() -> UplinkConfig.of("ws://broker", t, "1")).hasMessageContaining("tcp://");
        assertThat(UplinkConfig.of("tcp://park-broker.invalid:8883", t, "1").clientId()).isEqualTo("anju-p1-gw-1");
    }
}
