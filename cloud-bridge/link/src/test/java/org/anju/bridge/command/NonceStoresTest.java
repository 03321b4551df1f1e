package org.anju.bridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import org.anju.bridge.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonceStoresTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T08:00:00Z"));

    @Test
    void theCacheIsBoundedAndFailsClosedWhenFullOfLiveNonces() throws IOException {
        NonceCache cache = new NonceCache(NonceStore.inMemory(), 3, clock);
        long until = clock.millis() + 60_000;
        assertThat(cache.check("n1", until)).isEqualTo(NonceCache.Outcome.FRESH);
        assertThat(cache.check("n2", until)).isEqualTo(NonceCache.Outcome.FRESH);
        assertThat(cache.check("n3", until + 60_000)).isEqualTo(NonceCache.Outcome.FRESH);
        assertThat(cache.check("n4", until)).isEqualTo(NonceCache.Outcome.FULL);
        assertThat(cache.check("n1", until)).isEqualTo(NonceCache.Outcome.REPLAYED);
        // once n1 and n2 could no longer pass the expiry check they are forgotten, making room
        clock.advance(Duration.ofSeconds(61));
        assertThat(cache.check("n4", until + 60_000)).isEqualTo(NonceCache.Outcome.FRESH);
        assertThat(cache.check("n3", until)).isEqualTo(NonceCache.Outcome.REPLAYED);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void theFileKeepsNoncesAcrossARestartAndIgnoresATornLastLine() throws IOException {
        Path file = dir.resolve("gw").resolve("nonces");
        long until = clock.millis() + 60_000;
        try (FileNonceStore store = new FileNonceStore(file)) {
            NonceCache cache = new NonceCache(store, 100, clock);
            assertThat(cache.check("aaaaaaaaaaaaaaaaaaaaaa", until)).isEqualTo(NonceCache.Outcome.FRESH);
            assertThat(cache.check("bbbbbbbbbbbbbbbbbbbbbb", until)).isEqualTo(NonceCache.Outcome.FRESH);
        }
        Files.writeString(file, "cccccccccccccccccccccc 17735", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        Files.writeString(file, "\ngarbage\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        try (FileNonceStore store = new FileNonceStore(file)) {
            NonceCache cache = new NonceCache(store, 100, clock);
            assertThat(cache.check("aaaaaaaaaaaaaaaaaaaaaa", until)).isEqualTo(NonceCache.Outcome.REPLAYED);
            assertThat(cache.check("bbbbbbbbbbbbbbbbbbbbbb", until)).isEqualTo(NonceCache.Outcome.REPLAYED);
            assertThat(cache.size()).isEqualTo(2); // the torn line held an expired time
        }
    }

    @Test
    void theFileIsCompactedWhenMostOfItHasExpired() throws IOException {
        Path file = dir.resolve("nonces");
        try (FileNonceStore store = new FileNonceStore(file)) {
            NonceCache cache = new NonceCache(store, 10_000, clock);
            for (int i = 0; i < 300; i++) {
                cache.check(String.format("nonce-%016d", i), clock.millis() + 1_000);
            }
            clock.advance(Duration.ofSeconds(2));
            cache.check("fresh-nonce-0000000001", clock.millis() + 60_000);
            cache.check("fresh-nonce-0000000002", clock.millis() + 60_000);
        }
        assertThat(Files.readAllLines(file)).hasSizeLessThan(10).anyMatch(l -> l.startsWith("fresh-nonce-0000000002"));
        try (FileNonceStore store = new FileNonceStore(file)) {
            NonceCache cache = new NonceCache(store, 10_000, clock);
            assertThat(cache.check("fresh-nonce-0000000001", clock.millis() + 60_000))
                    .isEqualTo(NonceCache.Outcome.REPLAYED);
        }
    }
}
