package org.anju.bridge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The offline PIN rule: RFC 6238's own test vectors for its core, then the park's step and keys. */
class OfflinePinTest {
    // RFC 6238 appendix B, the SHA-256 seed and the eight-digit codes for a 30 s step
    private static final byte[] RFC_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theTotpCoreGivesRfc6238sSha256Vectors() {
        assertThat(OfflinePin.totp(RFC_SEED, 59 / 30)).isEqualTo("46119246");
        assertThat(OfflinePin.totp(RFC_SEED, 1111111109L / 30)).isEqualTo("68084774");
        assertThat(OfflinePin.totp(RFC_SEED, 1111111111L / 30)).isEqualTo("67062674");
        assertThat(OfflinePin.totp(RFC_SEED, 1234567890L / 30)).isEqualTo("91819424");
        assertThat(OfflinePin.totp(RFC_SEED, 2000000000L / 30)).isEqualTo("90698825");
        assertThat(OfflinePin.totp(RFC_SEED, 20000000000L / 30)).isEqualTo("77737706");
    }

    @Test
    void aCodeLivesForItsStepAndTheNextOnlyAndOnlyForItsTenant() {
        byte[] secret = new byte[32];
        byte[] li = OfflinePin.tenantKey(secret, "tenant-li");
        byte[] zhang = OfflinePin.tenantKey(secret, "tenant-zhang");
        long t = 1_800_000_000L;
        String code = OfflinePin.code(li, t);
        assertThat(code).hasSize(8).containsOnlyDigits();
        assertThat(OfflinePin.matches(li, code, t)).isTrue();
        assertThat(OfflinePin.matches(li, code, t + OfflinePin.STEP_SECONDS)).as("one step later").isTrue();
        assertThat(OfflinePin.matches(li, code, t + 2 * OfflinePin.STEP_SECONDS)).as("two steps later").isFalse();
        assertThat(OfflinePin.matches(li, code, t - OfflinePin.STEP_SECONDS)).as("before it was made").isFalse();
        assertThat(OfflinePin.matches(zhang, code, t)).as("another tenant's key").isFalse();
        assertThat(OfflinePin.matches(li, "1234", t)).isFalse();
        assertThat(OfflinePin.tenantKey(new byte[] {1}, "tenant-li")).as("another park's secret").isNotEqualTo(li);
    }
}
