package org.anju.bridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A backlog queued at the broker while the park's instances were away, drained by one or several
 * of them started together (sharing the ingest through the shared subscription): the time from
 * their start to the last event stored, while an officer's console on the first instance follows
 * the alarm probe's alarms (raised every 200 ms, ingested by whichever instance takes them) and
 * asks the API as {@link ApiLatency} does. Then the same alarms with the park idle.
 */
final class ScaleDrain {
    /**
     * {@code storedBy}: what each instance stored; {@code bridges}: still running, for the caller to close.
     * The officer's {@code session} is signed in before: a sign-in during the drain took most of it.
     * {@code idleAlarms}: how many alarms are raised after, with the park idle.
     */
    record Result(double seconds, List<Double> alarmsDuring, List<Double> alarmsIdle, ApiLatency.Sampled api,
                  List<Long> storedBy, List<BridgeProcess> bridges) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            for (BridgeProcess b : bridges) {
                b.close();
            }
        }
    }

    private ScaleDrain() {
    }

    /** {@code published}: the backlog's events, every one of which must be stored; {@code settle}: the park's calm before the idle alarms. */
    static Result run(ScalePark park, List<String> instances, long published, AlarmProbe probe,
                      org.anju.bridge.park.store.StateQueries store, ApiClient session, int idleAlarms, Duration settle)
            throws Exception {
        List<CompletableFuture<BridgeProcess>> starting = new ArrayList<>();
        List<Long> startedAt = new ArrayList<>();
        for (String name : instances) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    BridgeProcess b = park.launch(name);
                    synchronized (startedAt) {
                        startedAt.add(System.nanoTime());
                    }
                    return b;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        try {
            List<BridgeProcess> bridges = new ArrayList<>();
            for (CompletableFuture<BridgeProcess> f : starting) {
                bridges.add(f.get(3, TimeUnit.MINUTES));
            }
            long begun = startedAt.stream().mapToLong(Long::longValue).min().orElseThrow();
            // the probe raises once every instance is ready: an alarm raised before an instance's live subscription
            // is up reaches the park only by the shared one, behind the backlog (one run: 18 s), or by the gateway's
            // resend a minute later: a gap of the bridge's start, named in the cloud-bridge README, not of the drain
            for (BridgeProcess b : bridges) {
                b.awaitReady();
            }
            BridgeProcess first = bridges.get(0);
            ApiClient officer = session.on(first.port());
            try (ConsoleStream console = ConsoleStream.open(officer, AlarmProbe.GATEWAY)) {
                ApiLatency api = new ApiLatency(officer, store, park.gateways().ids());
                AtomicBoolean draining = new AtomicBoolean(true);
                long firstProbe = probe.raised() + 1;
                CompletableFuture<Void> raising = CompletableFuture.runAsync(() -> raise(probe, draining));
                CompletableFuture<ApiLatency.Sampled> asking = CompletableFuture.supplyAsync(() -> {
                    try {
                        return api.sampleWhile(draining::get);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long doneAt = awaitStored(bridges, published, probe, begun);
                draining.set(false);
                raising.get(1, TimeUnit.MINUTES);
                ApiLatency.Sampled sampled = asking.get(5, TimeUnit.MINUTES);
                long lastDuring = probe.raised();
                // every alarm raised during the drain is waited for (one still on its way when the drain ended counts
                // with its real latency; a tiny drain's left none measured once and reported 0), up to a minute
                long waitUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (probe.latencies(console, firstProbe, lastDuring).size() < lastDuring - firstProbe + 1
                        && System.nanoTime() < waitUntil) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                TimeUnit.MILLISECONDS.sleep(settle.toMillis());
                for (int i = 0; i < idleAlarms; i++) {
                    probe.raise();
                    TimeUnit.MILLISECONDS.sleep(150);
                }
                // and every idle one, up to a minute
                long idleUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (probe.latencies(console, lastDuring + 1, probe.raised()).size() < probe.raised() - lastDuring
                        && System.nanoTime() < idleUntil) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                List<Long> storedBy = bridges.stream().map(ScalePark::stored).toList();
                return new Result((doneAt - begun) / 1e9, nonEmpty(probe.latencies(console, firstProbe, lastDuring)),
                        nonEmpty(probe.latencies(console, lastDuring + 1, probe.raised())), sampled, storedBy, bridges);
            }
        } catch (Exception | Error failed) {
            // the Result that would close them is never returned: a failed run leaves no bridge behind (one kept
            // running after a failed CI run), those still starting closed as they come up
            for (CompletableFuture<BridgeProcess> f : starting) {
                f.thenAccept(ScaleDrain::closeQuietly);
            }
            throw failed;
        }
    }

    private static void closeQuietly(BridgeProcess bridge) {
        try {
            bridge.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the instances together stored the backlog (beside the probe's alarms). */
    private static long awaitStored(List<BridgeProcess> bridges, long published, AlarmProbe probe, long begun)
            throws InterruptedException {
        long probesBefore = probe.raised();
        while (true) {
            long stored = 0; // each instance started afresh: its counter counts this drain only
            for (BridgeProcess b : bridges) {
                if (!b.alive()) {
                    throw new IllegalStateException("an instance exited during the drain; see " + b.log());
                }
                stored += ScalePark.stored(b);
            }
            if (stored - (probe.raised() - probesBefore) >= published) {
                return System.nanoTime();
            }
            if (System.nanoTime() - begun > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("not drained in 10 minutes: " + stored + " of " + published + " events"
                        + " (beside the probe's alarms)");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Every 200 ms while the drain goes on, and once at least: a drain shorter than that still has its alarm. */
    private static void raise(AlarmProbe probe, AtomicBoolean going) {
        try {
            do {
                probe.raise();
                TimeUnit.MILLISECONDS.sleep(200);
            } while (going.get());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Double> nonEmpty(List<Double> values) {
        return values.isEmpty() ? List.of(Double.NaN) : values;
    }
}
