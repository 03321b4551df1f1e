package org.anju.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockKeyFileTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void keysAreReadByIdentityPastCommentsAndBlankLines() {
        LockKeyFile.Read read = LockKeyFile.parse("keys.psk", "# building A\n\nlock-701: " + KEY + "\n  lock-702 :" + KEY.toUpperCase() + "  \n");

        assertThat(read).isInstanceOfSatisfying(LockKeyFile.Read.Keys.class, keys -> {
            assertThat(keys.byIdentity()).containsOnlyKeys("lock-701", "lock-702");
            assertThat(keys.byIdentity().get("lock-702")).isEqualTo(HexFormat.of().parseHex(KEY));
        });
    }

    @Test
    void everyBadLineIsNamedWithItsNumberAndNoKeyIsQuoted() {
        String secret = "abcdef0123456789abcdef0123456789";
        LockKeyFile.Read read = LockKeyFile.parse("keys.psk", String.join("\n",
                "lock-701 " + KEY,
                "lock-702: 0011",
                "lock-703: " + secret + "z",
                "lock-704:",
                "lock-705: " + secret,
                "lock-705: " + KEY,
                "lock/706: " + KEY));

        assertThat(read).isInstanceOfSatisfying(LockKeyFile.Read.Refused.class, refused -> {
            assertThat(refused.problems()).containsExactly(
                    "keys.psk:1: not 'endpoint: hex-key'; write e.g. lock-a-701: 3f9a... (32 to 128 hex digits)",
                    "keys.psk:2: the key of lock-702 is 2 bytes; use 16 to 64 random bytes (e.g. openssl rand -hex 16)",
                    "keys.psk:3: the key of lock-703 is not an even number of hex digits",
                    "keys.psk:4: lock-704 has no key; give it 32 to 128 hex digits",
                    "keys.psk:6: lock-705 already has a key on line 5; keep one key per lock",
                    "keys.psk:7: 'lock/706' is not an endpoint name; use letters, digits, '.', '_' and '-', as in the site file");
            assertThat(String.join("\n", refused.problems())).doesNotContain(secret).doesNotContain(KEY);
        });
    }

    @Test
    void aFileOthersCanReadIsRefusedUntilItIsMadePrivate() throws Exception {
        Path file = dir.resolve("keys.psk");
        Files.writeString(file, "lock-701: " + KEY + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(LockKeyFile.read(file)).isInstanceOfSatisfying(LockKeyFile.Read.Refused.class,
                refused -> assertThat(refused.problems()).singleElement().asString().contains("chmod 600"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(LockKeyFile.read(file)).isInstanceOf(LockKeyFile.Read.Keys.class);
        assertThat(LockKeyFile.read(dir.resolve("missing.psk"))).isInstanceOfSatisfying(LockKeyFile.Read.Refused.class,
                refused -> assertThat(refused.problems()).singleElement().asString().contains("no such file"));
    }
}
