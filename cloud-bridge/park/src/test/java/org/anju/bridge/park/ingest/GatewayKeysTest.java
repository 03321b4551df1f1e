package org.anju.bridge.park.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Ed25519Keys;

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
                GatewayKeys keys = new GatewayKeys(Map.of("gw-1", file), System::nanoTime);
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
}
