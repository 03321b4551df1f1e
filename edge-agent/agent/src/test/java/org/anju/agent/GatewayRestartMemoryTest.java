package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.vertx.core.json.JsonObject;
import org.anju.agent.store.OutboxEvent;
import org.anju.firmware.line.SimulationClock;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.Bike;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.pile.PileLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway restarted mid-taper and mid-ramp, the whole process's state on disk only: the charge
 * is still cut full when its full-charge time is up (not that long after the restart), and a
 * battery heating its pile is still flagged before the temperature cut. The pile and the rules
 * run 100 times faster than the wall, and the restarted gateway's clock goes on from where the
 * first one's was, as a gateway's wall clock does; the pile's watchdog is long enough that a
 * restart at that pace does not trip it.
 */
@Tag("wire")
class GatewayRestartMemoryTest {
    private static final double SPEED = 100;
    private static final PileLimits LONG_WATCHDOG = new PileLimits(1000, 30, Duration.ofMinutes(10),
            Duration.ofHours(8), 80.0, Duration.ofMinutes(30));

    @TempDir
    Path dir;
    private final PileSimulator pile = new PileSimulator(10, LONG_WATCHDOG);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private TcpSerialServer server;
    private SimulationClock pileClock;
    private Path site;
    private SteadyTime time;
    private RunningGateway running;

    @BeforeEach
    void start() throws Exception {
        server = TcpSerialServer.onFreeLoopbackPort(pile.onLine(1));
        site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-restart, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker: nothing may wait on the park
                buses:
                  - id: piles
                    port: tcp://127.0.0.1:%d
                    pollInterval: 100ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]
                chargingAreas:
                  - {id: bike-shed, piles: [pile-1]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(server.port()));
        time = SteadyTime.spedUp(Clock.systemUTC(), SPEED);
        running = RunningGateway.start(site, time);
        pileClock = new SimulationClock(pile.onLine(1), SPEED, timer);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasEvent("port.status", "pile-1"));
    }

    @AfterEach
    void stop() {
        pileClock.close();
        if (running != null) {
            running.close();
        }
        server.close();
        timer.shutdownNow();
    }

    /** Stops the gateway and starts it again on the same data folder, its clock going on from the first one's. */
    private Instant restart() throws Exception {
        running.close();
        running = null;
        Instant stoppedAt = time.now();
        time = SteadyTime.spedUp(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), stoppedAt)), SPEED);
        running = RunningGateway.start(site, time);
        return stoppedAt;
    }

    private List<OutboxEvent> events(String type) {
        return GatewayProbe.events(running.gateway()).stream().filter(e -> e.type().equals(type)).toList();
    }

    private boolean hasEvent(String type, String contains) {
        return events(type).stream().anyMatch(e -> e.payload().contains(contains));
    }

    private OutboxEvent alarm(String kind) {
        return events("alarm.raised").stream().filter(e -> e.payload().contains("\"kind\":\"" + kind + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + events("alarm.raised")));
    }

    @Test
    void aRestartMidTaperStillCutsTheFullBatteryWhenItsTimeIsUp() throws Exception {
        pile.plugIn(2, new Bike(240, 0.93, 180)); // floating below the profile's 40 W from the start
        Instant switchedOn = time.now();
        pile.switchRelay(2, true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasEvent("charging.session_started", "pile-1"));
        Instant startedAt = time.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> time.now().isAfter(startedAt.plus(Duration.ofMinutes(5))));

        Instant restartedAt = restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_ended", "FULL"));
        JsonObject session = new JsonObject(events("charging.session_ended").get(0).payload()).getJsonObject("session");
        Instant endedAt = Instant.parse(session.getString("endedAt"));
        assertThat(Duration.between(restartedAt, endedAt)).as("the wait went on across the restart, it did not start over")
                .isLessThan(Duration.ofMinutes(10));
        // ten minutes from the relay closing, whichever of the pile's own full-charge cut and the
        // gateway's ends it (the pile's timer starts at the switch, before the gateway's first reading
        // of the session, which a loaded machine may delay by tens of seconds at this pace), give or
        // take where the restarted clock joined the first one's: some ms of the wall, a second here
        assertThat(Duration.between(switchedOn, endedAt)).isGreaterThanOrEqualTo(Duration.ofMinutes(10).minusSeconds(15));
        assertThat(events("charging.session_started")).hasSize(1);
    }

    @Test
    void aRestartMidRampStillFlagsTheBatteryBeforeTheTemperatureCut() throws Exception {
        pile.plugIn(2, Bike.TYPICAL);
        pile.switchRelay(2, true);
        pile.plugIn(3, new Bike(600, 0.2, 240));
        pile.switchRelay(3, true);
        await().atMost(Duration.ofSeconds(15)).until(() -> events("charging.session_started").size() == 2);
        Instant settled = time.now().plus(Duration.ofMinutes(12));
        await().atMost(Duration.ofSeconds(30)).until(() -> time.now().isAfter(settled));
        pile.thermalRunaway(2, 3.0);
        Instant onset = time.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> time.now().isAfter(onset.plus(Duration.ofSeconds(90))));
        assertThat(events("alarm.raised")).as("not flagged yet when the gateway restarts").isEmpty();

        restart();
        Instant back = time.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> hasEvent("alarm.raised", "OVER_TEMPERATURE"));
        OutboxEvent anomaly = alarm("BATTERY_ANOMALY");
        assertThat(anomaly.seq()).as("flagged before the cut, as without a restart").isLessThan(alarm("OVER_TEMPERATURE").seq());
        Instant raised = Instant.parse(new JsonObject(anomaly.payload()).getJsonObject("alarm").getString("raisedAt"));
        // the pile's load history came back with the gateway: it judged the warming at once, where
        // without its memory it is blind for the load's 10 min (and the cut at 65 degC comes first);
        // at this pace the restart itself takes minutes of the pile's time, more than the 3 min
        // temperature window, which so fills again from new readings
        assertThat(Duration.between(back, raised)).isLessThan(Duration.ofMinutes(10));
    }
}
