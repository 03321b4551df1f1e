package org.anju.bridge.park.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.anju.bridge.park.people.Role;

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
    void aTokenCarriesItsSessionIdAndCannotBeAlteredOrForged() {
        SessionTokens tokens = new SessionTokens(KEY);
        String id = tokens.newId();
        String token = tokens.token(id);
        assertThat(tokens.id(token)).contains(id);
        assertThat(token).startsWith("v2.").hasSizeLessThan(80);
        assertThat(tokens.newId()).as("random").isNotEqualTo(id);

        String other = tokens.newId();
        assertThat(tokens.id(token.replace(id, other))).as("another session's id under this signature").isEmpty();
        assertThat(new SessionTokens("1e".repeat(32)).id(token)).as("another park's key").isEmpty();
        assertThat(tokens.id("v1.admin-1.ADMIN.9999999999.forged")).as("the old format").isEmpty();
        assertThat(tokens.id("garbage")).isEmpty();
        assertThat(tokens.id(null)).isEmpty();
        assertThat(SessionTokens.hash(id)).hasSize(64).doesNotContain(id);
        assertThatThrownBy(() -> new SessionTokens("abcd")).hasMessageContaining("64 hex digits");
    }

    @Test
    void sessionsOfOfficersAndAdminsAreShortAndSlideWhileTenantsKeepAWorkingDay() {
        assertThat(SessionLifetime.of(Role.TENANT).sliding()).isFalse();
        assertThat(SessionLifetime.of(Role.TENANT).maximum()).isEqualTo(Duration.ofHours(12));
        assertThat(SessionLifetime.of(Role.OFFICER).idle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(SessionLifetime.of(Role.ADMIN).idle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(SessionLifetime.of(Role.ADMIN).firstExpiry(0)).isEqualTo(Duration.ofMinutes(15).toMillis());
        assertThat(SessionLifetime.of(Role.LANDLORD).firstExpiry(0)).isEqualTo(Duration.ofHours(12).toMillis());
    }

    @Test
    void aPasswordMustBeLongAndNotOneEverybodyTriesFirst() {
        assertThat(PasswordPolicy.problem("aaaaaaaaaa", "x")).hasValueSatisfying(p -> assertThat(p).contains("12 characters"));
        assertThat(PasswordPolicy.problem("aaaaaaaaaaaa", "x")).hasValueSatisfying(p -> assertThat(p).contains("repeats"));
        assertThat(PasswordPolicy.problem("123456789012", "x")).as("digits in a row").isPresent();
        assertThat(PasswordPolicy.problem("13800138000x", "x")).as("a phone number and a letter").isEmpty();
        assertThat(PasswordPolicy.problem("138001380001", "x")).hasValueSatisfying(p -> assertThat(p).contains("digits only"));
        assertThat(PasswordPolicy.problem("1qaz2wsx3edc", "x")).as("a keyboard walk").isPresent();
        assertThat(PasswordPolicy.problem("woaini1314520", "x")).as("a Chinese favourite").isPresent();
        assertThat(PasswordPolicy.problem("5201314520131452", "x")).as("a lucky number, repeated").isPresent();
        assertThat(PasswordPolicy.problem("Password123456!", "x")).as("a common word and digits").isPresent();
        assertThat(PasswordPolicy.problem("officer-li2026", "officer-li")).as("the login and a number").isPresent();
        assertThat(PasswordPolicy.problem("bad\u0000password1", "x")).isPresent();
        assertThat(PasswordPolicy.problem("x".repeat(257), "y")).hasValueSatisfying(p -> assertThat(p).contains("at most"));
        assertThat(PasswordPolicy.problem("correct horse battery", "x")).isEmpty();
        assertThat(PasswordPolicy.problem("楼下的桂花树开了很多年了", "x")).as("Chinese characters count as characters").isEmpty();
    }
}
