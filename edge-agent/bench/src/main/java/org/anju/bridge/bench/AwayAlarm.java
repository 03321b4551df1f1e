package org.anju.bridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.uplink.OutboxSource;
import org.anju.bridge.uplink.UplinkConfig;
import org.anju.bridge.uplink.UplinkEvent;

/**
 * One more building, its gateway the real uplink, whose fire alarm is raised while the bridge is
 * away, behind the flood queued for it: the broker takes it for the bridge's kept session, where it
 * would wait for the whole backlog. It reaches the park because the returning bridge asks for it
 * (a receipt with {@code resendAlarms}, as the live subscription hears the gateway's birth): this
 * gateway would not send it again for ten minutes of its own accord. What is measured is when the
 * park's receipt for it comes back, from when the bridge answered.
 */
final class AwayAlarm implements AutoCloseable {
    static final String GATEWAY = "gw-away";
    private static final Duration NEVER = Duration.ofMinutes(10);

    private final Topics topics;
    private final KeyPair key = Ed25519Keys.generate();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final CompletableFuture<Long> confirmedAt = new CompletableFuture<>();
    private volatile long alarm = -1;
    private GatewayUplink uplink;

    AwayAlarm(String park) {
        this.topics = new Topics(park, GATEWAY);
    }

    /** Its key file, and its building for park.yaml. */
    String building(Path dir) throws IOException {
        return ParkYaml.building(dir, "b-away", GATEWAY, key.getPublic());
    }

    /** Connects the gateway (its birth retained at the broker), trusting the park's receipts signed with {@code parkKey}. */
    void connect(String uri, String parkKeyId, PublicKey parkKey) {
        AtomicLong sessions = new AtomicLong();
        UplinkConfig config = UplinkConfig.of(uri, topics, "bench").withIdlePoll(Duration.ofMillis(100))
                .withDelivery(new UplinkConfig.Delivery(NEVER, NEVER, Duration.ofSeconds(5), NEVER));
        uplink = GatewayUplink.builder(config).identity(key).parkKeys(Map.of(parkKeyId, parkKey)).outbox(watched())
                .sessions(sessions::incrementAndGet).start();
    }

    /** Raises the alarm and returns once the broker has taken it (the bridge being away, nobody confirms it). */
    void raise() throws InterruptedException {
        long before = uplink.status().eventsPublished();
        alarm = outbox.append(Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"pile-1/SMOKE/1\",\"kind\":\"SMOKE\","
                + "\"severity\":\"CRITICAL\",\"source\":\"pile-1\"}}").seq();
        uplink.wake(Priority.ALARM);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (uplink.status().eventsPublished() == before || uplink.status().unconfirmedEvents() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not take the away alarm: " + uplink.status());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** When (System.nanoTime) the park's receipt named the alarm. */
    CompletableFuture<Long> confirmedAt() {
        return confirmedAt;
    }

    /** How often the gateway sent events again: once for the ask, as nothing else would. */
    long resent() {
        return uplink.status().eventsResent();
    }

    /** The outbox as the uplink sees it, noting when the alarm is acknowledged (the receipt named it). */
    private OutboxSource watched() {
        return new OutboxSource() {
            @Override
            public CompletableFuture<List<UplinkEvent>> unacknowledged(int limit) {
                return outbox.unacknowledged(limit);
            }

            @Override
            public CompletableFuture<?> acknowledge(List<Long> seqs) {
                if (seqs.contains(alarm)) {
                    confirmedAt.complete(System.nanoTime());
                }
                return outbox.acknowledge(seqs);
            }
        };
    }

    @Override
    public void close() {
        if (uplink != null) {
            uplink.close();
        }
        outbox.close();
    }
}
