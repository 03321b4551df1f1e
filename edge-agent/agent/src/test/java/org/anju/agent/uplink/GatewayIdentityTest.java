package org.anju.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.SignedJson;

/**
 * The gateway's identity: made once, private key readable by the gateway only, the public half
 * written for the park and always the private key's own; a key others can read is refused.
 */
class GatewayIdentityTest {
    @Test
    void madeOnceKeptPrivateAndItsPublicHalfChecksWhatItSigns(@TempDir Path dir) throws Exception {
        KeyPair first = GatewayIdentity.load(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("gateway.key")))).isEqualTo("rw-------");
        KeyPair again = GatewayIdentity.load(dir);
        assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
        var published = Ed25519Keys.readPublic(dir.resolve("gateway.pub.pem"));
        assertThat(published.getEncoded()).isEqualTo(again.getPublic().getEncoded());
        byte[] signed = SignedJson.sign(SignedJson.GATEWAY, "{\"v\":1}".getBytes(StandardCharsets.UTF_8), again.getPrivate());
        assertThat(SignedJson.open(SignedJson.GATEWAY, signed, published)).isInstanceOf(SignedJson.Opened.Valid.class);

        Files.writeString(dir.resolve("gateway.pub.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPublic()));
        assertThat(GatewayIdentity.load(dir).getPublic().getEncoded()).as("a wrong public file is written again")
                .isEqualTo(first.getPublic().getEncoded());
    }

    @Test
    void aKeyOthersCanReadIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        GatewayIdentity.load(dir);
        Files.setPosixFilePermissions(dir.resolve("gateway.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> GatewayIdentity.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("gateway.key").hasMessageContaining("chmod 600");
    }
}
