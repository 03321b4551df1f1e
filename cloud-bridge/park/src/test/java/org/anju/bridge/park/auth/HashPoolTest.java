package org.anju.bridge.park.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The hashing queue: bounded, and a try at a better priority takes the worst waiting one's place. */
class HashPoolTest {

    @Test
    void aFullQueueRefusesEquallyDeservingTriesAndLetsABetterOneInAheadOfTheFlood() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (HashPool pool = new HashPool(1, 3)) {
            CompletableFuture<String> running = pool.submit(0, () -> {
                started.countDown();
                release.await(10, TimeUnit.SECONDS);
                return "running";
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> flood = new ArrayList<>();
            List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 3; i++) {
                int n = i;
                flood.add(pool.submit(5, () -> {
                    order.add("flood-" + n);
                    return "flood-" + n;
                }));
            }
            await(() -> pool.queued() == 3);
            CompletableFuture<String> refused = pool.submit(5, () -> "late flood");
            assertThatThrownBy(refused::join).hasCauseInstanceOf(HashPool.Busy.class);
            CompletableFuture<String> person = pool.submit(0, () -> {
                order.add("person");
                return "person";
            });
            assertThatThrownBy(() -> flood.get(2).join()).as("the newest of the worst gives way").hasCauseInstanceOf(HashPool.Busy.class);
            release.countDown();
            assertThat(person.get(10, TimeUnit.SECONDS)).isEqualTo("person");
            assertThat(flood.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("flood-1");
            assertThat(order).first().isEqualTo("person");
            assertThat(running.join()).isEqualTo("running");
        }
    }

    @Test
    void underAFloodAPersonsHashRunsAtOnceOnTheThreadKeptForPeople() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (HashPool pool = new HashPool(2, 8)) {
            List<CompletableFuture<String>> flood = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                flood.add(pool.submit(HashPool.LAST, () -> {
                    release.await(10, TimeUnit.SECONDS);
                    return "flood-" + n;
                }));
            }
            // one flood hash runs (the other thread is kept for people), the rest wait
            await(() -> pool.queued() == 5);
            CompletableFuture<String> person = pool.submit(0, () -> "person");
            assertThat(person.get(10, TimeUnit.SECONDS)).as("answered while the flood's hash still runs").isEqualTo("person");
            assertThat(flood).noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (CompletableFuture<String> f : flood) {
                assertThat(f.get(10, TimeUnit.SECONDS)).startsWith("flood-");
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(condition::getAsBoolean);
    }
}
