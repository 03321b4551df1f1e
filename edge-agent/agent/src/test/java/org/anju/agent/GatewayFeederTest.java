package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.agent.store.OutboxEvent;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.firmware.relay.RelayBoardSimulator;

/**
 * The last line of defence for a welded relay: a pile and the relay board that feeds it share a
 * bus; a port whose relay will not open after a stop is caught by the read-back, the pile's
 * feeder channel is switched off, and a PowerSwitchFailure alarm tells the fire safety officer.
 */
@Tag("wire")
class GatewayFeederTest {
    private static final int FEEDER_CHANNEL = 3;

    @TempDir
    Path dir;
    private final PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
    private final RelayBoardSimulator feeders = new RelayBoardSimulator(8);
    private TcpSerialServer server;
    private RunningGateway running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private List<OutboxEvent> events() {
        return GatewayProbe.events(running.gateway());
    }

    @Test
    void aWeldedPortRelayIsCaughtByTheReadBackAndThePilesFeederIsCut() throws Exception {
        LineDevice pileLine = pile.onLine(1);
        LineDevice boardLine = feeders.onLine(10);
        server = TcpSerialServer.onFreeLoopbackPort(SharedLine.of(pileLine, boardLine));
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-feeder, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker in these runs: nothing may wait on the park
                buses:
                  - id: shed
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices:
                      - {id: pile-1, profile: anju-ref-pile-10, address: 1}
                      - {id: feeder-board, profile: modbus-relay-8, address: 10}
                chargingAreas:
                  - id: bike-shed
                    piles: [pile-1]
                    feeders: [{pile: pile-1, relay: feeder-board, channel: %d}]
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(server.port(), FEEDER_CHANNEL));
        running = RunningGateway.start(site);

        pile.plugIn(2, Bike.TYPICAL);
        pile.switchRelay(2, true);
        pile.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(15)).until(() -> events().stream()
                .anyMatch(e -> e.type().equals("charging.session_started")));
        pile.stickRelay(2);
        var stop = running.gateway().vertx().eventBus().<io.vertx.core.json.JsonObject>request(
                org.anju.agent.command.CommandApi.ADDRESS, new io.vertx.core.json.JsonObject().put("id", "s1")
                        .put("kind", "charge.stop").put("pile", "pile-1").put("port", 2).put("who", "t-3"))
                .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).body();
        // the read-back right after the cut shows power still flowing: the reply says so, never "done"
        assertThat(stop.getString("result")).as(stop.encode()).isEqualTo("pending");
        assertThat(stop.getString("reason")).contains("pile-1 port 2", "still flows", "command.completed");

        await().atMost(Duration.ofSeconds(60)).until(() -> !feeders.closed(FEEDER_CHANNEL));
        assertThat(pile.port(2).watts()).as("the welded port still draws power, though its coil reads open").isPositive();
        assertThat(feeders.closed(FEEDER_CHANNEL - 1)).as("only this pile's feeder").isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> events().stream().anyMatch(e -> e.type().equals("alarm.raised")
                && e.payload().contains("CUT_FAILED") && e.payload().contains("POWER_SWITCH_FAILURE")));
        // and the stop completes as failed, saying what the gateway did about it
        await().atMost(Duration.ofSeconds(15)).until(() -> events().stream().anyMatch(e -> e.type().equals("command.completed")));
        var completed = new io.vertx.core.json.JsonObject(events().stream().filter(e -> e.type().equals("command.completed"))
                .findFirst().orElseThrow().payload());
        assertThat(completed.getString("requestId")).isEqualTo("s1");
        assertThat(completed.getString("result")).isEqualTo("FAILED");
        assertThat(completed.getString("detail")).contains("welded", "feeder");
    }
}
