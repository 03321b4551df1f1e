package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.testing.Closer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Priority;
import org.anju.bridge.testing.FlakyOutbox;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.bridge.testing.Uplinks;

/**
 * The doors, the bus and the safety rules never wait on the uplink: starting it, waking it and
 * reading its status return at once whether the broker is there or not and whether the outbox
 * answers or hangs; a failing outbox delays the drain but loses nothing.
 */
@Tag("peer")
class UplinkNeverBlocksTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T keep(T resource) {
        return closer.keep(resource);
    }

    /** An outbox whose queries never come back (a hung disk). */
    private static final OutboxSource HUNG = new OutboxSource() {
        @Override
        public CompletableFuture<List<UplinkEvent>> unacknowledged(int limit) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<?> acknowledge(List<Long> seqs) {
            return new CompletableFuture<>();
        }
    };

    @Test
    void callersReturnAtOnceWithNoBrokerAndAHungOutbox() {
        String nowhere = "tcp://127.0.0.1:" + MosquittoBroker.freePort();
        long start = System.nanoTime();
        GatewayUplink uplink = Uplinks.builder(Uplinks.config(nowhere)).outbox(HUNG)
                .sessions(Uplinks.sessions()).start();
        for (int i = 0; i < 100_000; i++) {
            uplink.wake(Priority.values()[i % 4]);
            uplink.status();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        long closing = System.nanoTime();
        uplink.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(8));
        assertThat(uplink.status().link()).isEqualTo(UplinkStatus.Link.STOPPED);
    }

    @Test
    void aHungOutboxDoesNotStopTheConnectionNorItsStatus() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        GatewayUplink uplink = Uplinks.builder(Uplinks.config(broker.uri())).outbox(HUNG)
                .sessions(Uplinks.sessions()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().link() == UplinkStatus.Link.CONNECTED);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            uplink.wake(Priority.ALARM);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        uplink.close();
        assertThat(uplink.status().link()).isEqualTo(UplinkStatus.Link.STOPPED);
    }

    @Test
    void aBrokerThatAcceptsButNeverAnswersIsGivenUpOnAndTriedAgain() throws Exception {
        // a half-dead broker (or a middlebox) that takes the TCP connection and says nothing
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            }, "silent-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config("tcp://127.0.0.1:" + silent.getLocalPort())
                            .withConnectTimeout(Duration.ofSeconds(1)))
                    .outbox(new InMemoryOutbox()).sessions(Uplinks.sessions()).start());
            await().atMost(Duration.ofSeconds(15)).until(() -> uplink.status().session() >= 3);
            assertThat(uplink.status().connects()).isZero();
            assertThat(uplink.status().lastProblem()).isNotNull();
            assertThat(held).hasSizeGreaterThanOrEqualTo(2);
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anOutboxThatFailsEveryThirdCallDelaysTheDrainButLosesNothing() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, false));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        outbox.appendMany(2_000, Priority.ACCESS, "door.access");
        FlakyOutbox flaky = new FlakyOutbox(outbox);
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri())
                        .withDrain(new DrainSettings(4, 50, 64 * 1024, 0)))
                .outbox(flaky).sessions(Uplinks.sessions()).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.unacknowledgedCount() == 0
                && park.ledger().size() == 2_000);
        assertThat(flaky.failures()).isPositive();
        assertThat(park.ledger().firstArrivals(Priority.ACCESS)).isSorted().hasSize(2_000);
        assertThat(uplink.status().lastProblem()).contains("database is locked");
    }
}
