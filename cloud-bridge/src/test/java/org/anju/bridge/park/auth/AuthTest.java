package org.anju.bridge.park.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Password hashes and session tokens. */
class AuthTest {
    private static final String KEY = "0f".repeat(32);

    @Test
    void aPasswordMatchesOnlyItsOwnSaltedHash() {
        PasswordHasher hasher = new PasswordHasher(10_000);
        String stored = hasher.hash("correct horse".toCharArray());
        assertThat(stored).startsWith("pbkdf2-sha256$10000$").doesNotContain("correct");
        assertThat(hasher.hash("correct horse".toCharArray())).as("salted").isNotEqualTo(stored);
        assertThat(hasher.matches("correct horse".toCharArray(), stored)).isTrue();
        assertThat(hasher.matches("battery staple".toCharArray(), stored)).isFalse();
        assertThat(hasher.matches("correct horse".toCharArray(), "md5$abc")).isFalse();
        assertThat(new PasswordHasher(20_000).matches("correct horse".toCharArray(), stored))
                .as("the stored iteration count is used").isTrue();
    }

    @Test
    void aTokenNamesItsHolderUntilItExpiresAndCannotBeAltered() {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        SessionTokens tokens = new SessionTokens(KEY, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(8));
        String token = tokens.issue(new Principal("landlord-1", Role.LANDLORD));
        assertThat(tokens.verify(token)).contains(new Principal("landlord-1", Role.LANDLORD));

        assertThat(tokens.verify(token.replace("LANDLORD", "ADMIN"))).as("a role raised by hand").isEmpty();
        assertThat(tokens.verify(token.replace("landlord-1", "landlord-2"))).isEmpty();
        assertThat(new SessionTokens("1e".repeat(32), Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(8))
                .verify(token)).as("another park's key").isEmpty();
        assertThat(new SessionTokens(KEY, Clock.fixed(now.plus(Duration.ofHours(9)), ZoneOffset.UTC), Duration.ofHours(8))
                .verify(token)).as("expired").isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThatThrownBy(() -> new SessionTokens("abcd", Clock.systemUTC(), Duration.ofHours(1)))
                .hasMessageContaining("64 hex digits");
    }
}
