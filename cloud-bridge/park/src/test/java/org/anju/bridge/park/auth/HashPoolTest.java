package org.anju.bridge.park.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The hashing queue: bounded, a try at a better priority takes the worst waiting one's place, and
 * nothing but people's tries starts while a person's runs.
 */
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

    @Test
    void whileAPersonsHashRunsNoOtherWorkStartsSoTheFloodCannotShareTheirCores() throws Exception {
        List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Map<String, CountDownLatch> release = new java.util.concurrent.ConcurrentHashMap<>();
        try (HashPool pool = new HashPool(2, 8)) {
            // two people at once: one on the thread kept for people, one on the other
            List<CompletableFuture<String>> people = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                people.add(pool.submit(0, () -> {
                    CountDownLatch mine = new CountDownLatch(1);
                    release.put(Thread.currentThread().getName(), mine);
                    mine.await(10, TimeUnit.SECONDS);
                    return Thread.currentThread().getName();
                }));
            }
            await(() -> release.size() == 2);
            CompletableFuture<String> flood = pool.submit(7, () -> {
                started.add("flood");
                return "flood";
            });
            String other = release.keySet().stream().filter(t -> !t.endsWith("-people")).findFirst().orElseThrow();
            String kept = release.keySet().stream().filter(t -> t.endsWith("-people")).findFirst().orElseThrow();
            release.get(other).countDown();
            // the other thread is free, but a person's hash still runs on the kept one: the flood waits
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !started.contains("flood"));
            CompletableFuture<String> another = pool.submit(0, () -> {
                started.add("another person");
                return "another person";
            });
            assertThat(another.get(5, TimeUnit.SECONDS)).as("a person takes the free thread").isEqualTo("another person");
            assertThat(flood).isNotDone();
            release.get(kept).countDown();
            assertThat(flood.get(5, TimeUnit.SECONDS)).isEqualTo("flood");
            assertThat(started).containsExactly("another person", "flood");
            for (CompletableFuture<String> p : people) {
                assertThat(p.get(5, TimeUnit.SECONDS)).startsWith("password-hash-");
            }
        }
    }

    @Test
    void aFloodsHashAlreadyRunningStandsAsideAtItsNextCheckpointWhileAPersonsRuns() throws Exception {
        java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean floodMayEnd = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch personMayFinish = new CountDownLatch(1);
        CountDownLatch personStarted = new CountDownLatch(1);
        try (HashPool pool = new HashPool(2, 8)) {
            CompletableFuture<Long> flood = pool.submit(9, () -> {
                while (!floodMayEnd.get()) {
                    HashPool.checkpoint();
                    steps.incrementAndGet();
                }
                return steps.get();
            });
            await(() -> steps.get() > 1_000);
            CompletableFuture<String> person = pool.submit(0, () -> {
                personStarted.countDown();
                personMayFinish.await(10, TimeUnit.SECONDS);
                return "person";
            });
            assertThat(personStarted.await(5, TimeUnit.SECONDS)).isTrue();
            long stoodAt = steps.get();
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> steps.get() <= stoodAt + 1);
            personMayFinish.countDown();
            assertThat(person.get(5, TimeUnit.SECONDS)).isEqualTo("person");
            await(() -> steps.get() > stoodAt + 1_000);
            floodMayEnd.set(true);
            assertThat(flood.get(5, TimeUnit.SECONDS)).isGreaterThan(stoodAt);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(condition::getAsBoolean);
    }
}
