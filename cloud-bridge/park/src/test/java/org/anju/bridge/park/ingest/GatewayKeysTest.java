package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.config.ParkConfig;

/**
 * A gateway's first batches checked on several threads at once all find its key (the bench's
 * flood found one taken for an unknown gateway while another thread was still reading the file).
 */
class GatewayKeysTest {
    @TempDir
    Path dir;

    @Test
    void threadsAskingTogetherForAKeyBeingReadAllGetIt() throws Exception {
        Path file = Files.writeString(dir.resolve("gw-1.pub.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPublic()));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 40; round++) {
                ParkConfig.Building b1 = new ParkConfig.Building("b1", "b1", "gw-1", List.of(), List.of(), Optional.of(file));
                GatewayKeys keys = new GatewayKeys(g -> g.equals("gw-1") ? Optional.of(b1) : Optional.empty(), System::nanoTime);
                CyclicBarrier together = new CyclicBarrier(6);
                List<Future<Optional<?>>> asked = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    asked.add(threads.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return keys.of("gw-1");
                    }));
                }
                for (Future<Optional<?>> a : asked) {
                    assertThat(a.get(10, TimeUnit.SECONDS)).as("round %d", round).isPresent();
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aGatewayIsBelievedWithTheKeyItsBuildingHasNowAndNotAfterItsBuildingIsGone() {
        var first = Ed25519Keys.generate().getPublic();
        var second = Ed25519Keys.generate().getPublic();
        AtomicReference<Optional<ParkConfig.Building>> directory = new AtomicReference<>(Optional.empty());
        GatewayKeys keys = new GatewayKeys(g -> directory.get().filter(b -> b.gateway().equals(g)), System::nanoTime);
        assertThat(keys.of("gw-9")).as("no building has gw-9 yet").isEmpty();

        directory.set(Optional.of(withKey(Ed25519Keys.toPem(first))));
        assertThat(keys.of("gw-9")).as("added: believed at once").contains(first);
        directory.set(Optional.of(withKey(Ed25519Keys.toPem(second))));
        assertThat(keys.of("gw-9")).as("its key replaced: the new one, not the one read before").contains(second);
        directory.set(Optional.empty());
        assertThat(keys.of("gw-9")).as("its building deleted: believed in nothing").isEmpty();
    }

    private static ParkConfig.Building withKey(String pem) {
        return new ParkConfig.Building("b9", "b9", "gw-9", List.of(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(pem));
    }
}
