package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.MutableClock;
import org.anju.bridge.testing.ParkClient;

/**
 * A lease's window is enforced by the gateway on its own, with the park unreachable and the
 * gateway's wall clock wrong: the stay ends at its end time on the clock guard anchored to the
 * park's time (the park's signed commands carry it), setting the clock back does not revive it,
 * and neither does a restart with the clock at 1970 (the park's time is kept on disk).
 */
class GatewayLeaseWindowTest {
    private static final Topics GATEWAY = new Topics("test-park", "gw-window");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void aLeaseEndsAtItsEndTimeWithTheParkGoneAndTheClockSetBackEvenAcrossARestart() throws Exception {
        KeyPair parkKey = Ed25519Keys.generate();
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient park = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        Files.writeString(dir.resolve("park-2026.pem"), Ed25519Keys.toPem(parkKey.getPublic()));
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-window, gpio: mock, dataDir: data}
                park:
                  id: test-park
                  broker: %s
                  commandKeys: [{id: park-2026, file: park-2026.pem}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri()));
        MutableClock wall = new MutableClock(Instant.now());
        RunningGateway running = RunningGateway.start(site, wall);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> park.states().stream()
                    .anyMatch(s -> s instanceof GatewayState.Birth));
            // the lease runs from an hour ago for six more seconds of the park's time
            long now = System.currentTimeMillis();
            var snapshot = new CommandSigner("park-2026", parkKey.getPrivate(), Clock.systemUTC()).sign(GATEWAY,
                    new CommandBody.RosterSnapshot(1, List.of(new CommandBody.RosterTenant("t-7", "Li Wei", "301",
                            now - 3_600_000, now + 6_000, List.of(new CommandBody.RosterCredential("card", "3:1001")),
                            List.of("entrance")))), Duration.ofMinutes(1));
            park.send(snapshot);
            await().atMost(Duration.ofSeconds(20)).until(() -> park.replyTo(snapshot.id()) != null);
            assertThat(park.replyTo(snapshot.id()).result()).isEqualTo(ReplyResult.OK);

            broker.stop(); // the park is unreachable from here on
            wall.advance(Duration.ofDays(-1)); // and the gateway's clock is set back a day
            assertThat(opens(running)).as("within the lease, by the park's time").isEqualTo("opened");
            await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(opens(running)));
            wall.advance(Duration.ofDays(-30));
            assertThat(opens(running)).as("a clock set back further revives nothing").isEqualTo("EXPIRED");
        } finally {
            running.close();
        }

        MutableClock deadBattery = new MutableClock(Instant.parse("1970-01-01T00:00:10Z"));
        try (RunningGateway restarted = RunningGateway.start(site, deadBattery)) {
            assertThat(opens(restarted)).as("restarted in 1970 with the park unreachable").isEqualTo("EXPIRED");
        }
    }

    private static String opens(RunningGateway running) throws Exception {
        return GatewayProbe.tenantOpens(running.gateway(), "t-7", "entrance");
    }
}
