package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.RabbitMqBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.GatewayUplink;

/**
 * Debian 12's RabbitMQ (3.10) with its MQTT plugin speaks only MQTT 3.1.1 and takes MQTT 5's
 * shared subscriptions literally (it bound a queue that matched nothing and the park stored none of
 * 21 acknowledged events). Anju refuses it rather than look healthy: the bridge's first connection
 * says why (ParkMain then exits 1 with it), and a gateway stays unconnected, not ready, saying why,
 * with every event still in its outbox.
 */
@Tag("peer")
@Tag("wire")
class RabbitMqRefusedTest {
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void rabbitMqBefore313IsRefusedWithAMessageSayingWhy() throws Exception {
        RabbitMqBroker rabbit = closer.keep(RabbitMqBroker.start(dir.resolve("rabbit")));
        ParkBridge bridge = closer.keep(TestPark.onBroker(dir, "uri: \"" + rabbit.uri() + "\"", "[{id: b07, gateway: gw-b07}]"));
        Optional<String> why = bridge.brokerIncompatible().get(60, TimeUnit.SECONDS);
        assertThat(why).as("the bridge's first connection says the broker cannot work").isPresent();
        assertThat(why.get()).contains("does not speak MQTT 5").contains("RabbitMQ before 3.13");
        assertThat(bridge.brokerConnected()).isFalse();

        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        outbox.appendMany(21, Priority.ACCESS, "door.access_granted");
        GatewayUplink gateway = closer.keep(Uplinks.builder(Uplinks.config(rabbit.uri(), new Topics("huaqiao", "gw-b07")))
                .outbox(outbox).sessions(Uplinks.sessions()).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.status().session() >= 2);
        assertThat(gateway.status().lastProblem()).contains("does not speak MQTT 5");
        assertThat(gateway.status().connects()).isZero();
        assertThat(outbox.unacknowledgedCount()).as("nothing counts as delivered").isEqualTo(21);
    }
}
