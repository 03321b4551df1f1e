package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.json.JsonObject;
import org.anju.agent.store.OutboxEvent;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SimulationClock;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole charges through the whole gateway: the reference pile behind a TCP serial server, the
 * agent's bus scheduler and scanner reading it, the rules acting on what they read, with the pile
 * and the rules' time both running faster than the wall so an evening plays in seconds. What the
 * rules do on their own is in the {@code safety} tests; these check that it happens on the wire.
 *
 * <p>Where the speed-up is 100, the pile's own watchdog is set to 30 minutes: at that speed its
 * 60 s would be 0.6 s of wall time, and a stall of the test machine would trip it. The watchdog
 * has its own test at the wall's pace, and the bus outage here runs with the firmware's defaults.
 */
@Tag("wire")
class GatewayChargingScenariosTest {
    private static final PileLimits LONG_WATCHDOG = new PileLimits(1000, 30, Duration.ofMinutes(10),
            Duration.ofHours(8), 80.0, Duration.ofMinutes(30));
    @TempDir
    Path dir;
    private PileSimulator pile;
    private TcpSerialServer server;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private SimulationClock pileClock;
    private final AtomicLong simulatedNanos = new AtomicLong();
    private RunningGateway running;

    /** One 10-port reference pile in the bike shed, both clocks at {@code speed}. */
    private void start(PileLimits firmware, double speed, String areaLimits) throws Exception {
        pile = new PileSimulator(10, firmware);
        server = TcpSerialServer.onFreeLoopbackPort(pile.onLine(1));
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                gateway: {id: gw-scenarios, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker: nothing may wait on the park
                buses:
                  - id: piles
                    port: tcp://127.0.0.1:%d
                    pollInterval: 100ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]
                chargingAreas:
                  - id: bike-shed
                    piles: [pile-1]
                %s
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(server.port(), areaLimits.isEmpty() ? "" : "    safetyLimits: " + areaLimits));
        running = RunningGateway.start(site, speed);
        LineDevice clockOnly = new LineDevice() {
            @Override
            public List<byte[]> receive(byte[] data, int offset, int length) {
                return List.of();
            }

            @Override
            public void advance(Duration simulated) {
                pile.advance(simulated);
                simulatedNanos.addAndGet(simulated.toNanos());
            }
        };
        pileClock = new SimulationClock(clockOnly, speed, ticks);
        // the pile's counter runs for its whole life; a session counts from the gateway's first
        // reading of it, so the gateway must be reading before a charge starts for the totals to match
        await().atMost(Duration.ofSeconds(15)).until(() -> hasEvent("port.status", "pile-1"));
    }

    @AfterEach
    void stop() {
        if (pileClock != null) {
            pileClock.close();
        }
        if (running != null) {
            running.close();
        }
        if (server != null) {
            server.close();
        }
        ticks.shutdownNow();
    }

    private Duration simulated() {
        return Duration.ofNanos(simulatedNanos.get());
    }

    /** Waits until the pile's clock has run on by {@code d} from now. */
    private void letRun(Duration d) {
        Duration until = simulated().plus(d);
        await().atMost(Duration.ofSeconds(60)).until(() -> simulated().compareTo(until) >= 0);
    }

    private List<OutboxEvent> events() {
        return GatewayProbe.events(running.gateway());
    }

    private List<OutboxEvent> events(String type) {
        return events().stream().filter(e -> e.type().equals(type)).toList();
    }

    private boolean hasEvent(String type, String contains) {
        return events(type).stream().anyMatch(e -> e.payload().contains(contains));
    }

    private OutboxEvent alarmRaised(String kind) {
        return events("alarm.raised").stream().filter(e -> e.payload().contains("\"kind\":\"" + kind + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " alarm in " + events("alarm.raised")));
    }

    private JsonObject command(JsonObject body) throws Exception {
        return GatewayProbe.command(running.gateway(), body);
    }

    /** The energy a stored session counted: finished segments plus the counter's rise in this one. */
    private static long sessionEnergy(OutboxEvent ended) {
        JsonObject meter = new JsonObject(ended.payload()).getJsonObject("session").getJsonObject("meter");
        return meter.getLong("priorSegmentsWh") + meter.getLong("lastCounterWh") - meter.getLong("baselineWh");
    }

    private OutboxEvent onlyEnded() {
        List<OutboxEvent> ended = events("charging.session_ended");
        assertThat(ended).hasSize(1);
        return ended.get(0);
    }

    @Test
    void aChargeTapersToFullAndTheGatewayEndsItWithTheCountersEnergyAndNoAlarm() throws Exception {
        start(LONG_WATCHDOG, 100, "");
        pile.plugIn(2, new Bike(240, 0.85, 180)); // 100 W and tapering: full within half an hour
        pile.switchRelay(2, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> hasEvent("charging.session_ended", "FULL"));

        // the gateway's 40 W threshold ended it, before the firmware's own 30 W would have
        assertThat(pile.port(2).relayClosed()).isFalse();
        assertThat(pile.port(2).cutReason()).isEqualTo(CutReason.REMOTE);
        assertThat((double) sessionEnergy(onlyEnded())).isCloseTo(pile.port(2).energyWh(), offset(2.0));
        assertThat(events("charging.session_started")).hasSize(1);
        assertThat(events("alarm.raised")).isEmpty();
        assertThat(events("charging.warning")).isEmpty();
        // the consoles saw it charge, float and finish (a status is reported once two readings agree)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(events("port.status"))
                .extracting(e -> new JsonObject(e.payload()).getString("status"))
                .containsSubsequence("CHARGING", "SUSPENDED_EV", "FINISHING"));
    }

    @Test
    void aThermalRunawayIsFlaggedAsABatteryAnomalyBeforeTheTemperatureCutTakesThePileOff() throws Exception {
        start(LONG_WATCHDOG, 100, "");
        pile.plugIn(2, Bike.TYPICAL);
        pile.switchRelay(2, true);
        pile.plugIn(3, new Bike(600, 0.2, 240));
        pile.switchRelay(3, true);
        letRun(Duration.ofMinutes(12)); // the load has settled: warming now has no load to explain it
        assertThat(events("alarm.raised")).isEmpty();
        pile.thermalRunaway(2, 3.0);
        await().atMost(Duration.ofSeconds(60)).until(() -> hasEvent("alarm.raised", "OVER_TEMPERATURE")
                && !pile.port(2).relayClosed() && !pile.port(3).relayClosed());

        OutboxEvent anomaly = alarmRaised("BATTERY_ANOMALY");
        OutboxEvent cut = alarmRaised("OVER_TEMPERATURE");
        assertThat(anomaly.seq()).isLessThan(cut.seq());
        double anomalyAt = new JsonObject(anomaly.payload()).getJsonObject("alarm").getJsonObject("cause")
                .getDouble("temperatureC");
        assertThat(anomalyAt).isLessThan(45.0); // the profile cuts at 65 degC: flagged well before
        assertThat(anomaly.payload()).contains("ports with a battery: 2, 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> events("charging.session_ended").size() == 2);
        assertThat(events("charging.session_ended")).allMatch(e -> e.payload().contains("OVER_TEMPERATURE"))
                .allMatch(e -> e.seq() > anomaly.seq());
        // the gateway cut, at its 65 degC, before the firmware's own 80 degC
        assertThat(pile.port(2).cutReason()).isEqualTo(CutReason.REMOTE);
        assertThat(pile.port(3).cutReason()).isEqualTo(CutReason.REMOTE);
    }

    @Test
    void aPileThatRebootsMidChargeIsSwitchedBackOnAndTheEnergyIsNeitherLostNorDoubled() throws Exception {
        start(LONG_WATCHDOG, 100, "");
        pile.plugIn(3, Bike.TYPICAL);
        pile.switchRelay(3, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_started", "pile-1")
                && pile.port(3).energyWh() > 20);
        double beforeReboot;
        synchronized (pile) { // the pile's clock may not move between the reading and the reboot
            beforeReboot = pile.port(3).energyWh();
            pile.reboot();
        }
        assertThat(pile.port(3).relayClosed()).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> pile.port(3).relayClosed() && pile.port(3).energyWh() > 10);

        JsonObject stop = command(new JsonObject().put("id", "s1").put("kind", "charge.stop").put("pile", "pile-1")
                .put("port", 3).put("who", "t-7"));
        assertThat(stop.getString("result")).as(stop.encode()).isEqualTo("done");
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_ended", "REMOTE_STOP"));
        assertThat(events("charging.session_started")).hasSize(1);
        assertThat(events("charging.warning")).anyMatch(e -> e.payload().contains("PILE_RESTARTED"));
        double truth = beforeReboot + pile.port(3).energyWh();
        assertThat((double) sessionEnergy(onlyEnded())).isCloseTo(truth, offset(3.0));
    }

    @Test
    void aBusOutageShorterThanThePilesWatchdogLeavesTheChargeRunningAndMeteredThroughTheGap() throws Exception {
        // twice the wall's pace, not more: the bus probes an offline pile every 10 s of wall time,
        // and the last heartbeat, the outage and that probe must fit in the pile's 60 s watchdog
        start(PileLimits.DEFAULTS, 2, "");
        pile.plugIn(5, Bike.TYPICAL);
        pile.switchRelay(5, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_started", "pile-1"));

        pile.silenceUnit(true); // the line to the pile is cut
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("device.offline", "unit 1"));
        letRun(Duration.ofSeconds(5));
        double duringOutage = pile.port(5).energyWh();
        pile.silenceUnit(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("device.online", "unit 1"));
        letRun(Duration.ofSeconds(5));

        assertThat(pile.port(5).relayClosed()).isTrue();
        assertThat(events("charging.session_ended")).isEmpty();
        JsonObject stop = command(new JsonObject().put("id", "s1").put("kind", "charge.stop").put("pile", "pile-1")
                .put("port", 5).put("who", "t-7"));
        assertThat(stop.getString("result")).as(stop.encode()).isEqualTo("done");
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_ended", "REMOTE_STOP"));
        // the counter carried the outage: the session has all of it, once
        assertThat(pile.port(5).energyWh()).isGreaterThan(duringOutage);
        assertThat((double) sessionEnergy(onlyEnded())).isCloseTo(pile.port(5).energyWh(), offset(2.0));
        assertThat(pile.port(5).cutReason()).isEqualTo(CutReason.REMOTE);
    }

    @Test
    void aBusOutageLongerThanThePilesWatchdogEndsTheSessionAsADeviceFaultWithTheEnergyUpToTheCut() throws Exception {
        start(PileLimits.DEFAULTS, 20, "");
        pile.plugIn(5, Bike.TYPICAL);
        pile.switchRelay(5, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_started", "pile-1"));

        pile.silenceUnit(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> !pile.port(5).relayClosed()); // no heartbeats: the pile's watchdog
        assertThat(pile.port(5).cutReason()).isEqualTo(CutReason.WATCHDOG);
        pile.silenceUnit(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> hasEvent("charging.session_ended", "DEVICE_FAULT"));
        assertThat((double) sessionEnergy(onlyEnded())).isCloseTo(pile.port(5).energyWh(), offset(2.0));
        assertThat(events("alarm.raised")).anyMatch(e -> e.payload().contains("PILE_WATCHDOG_TRIPPED"));
    }

    @Test
    void anAreasStricterOverloadLimitFromTheSiteFileIsTheOneTheGatewayEnforces() throws Exception {
        start(PileLimits.DEFAULTS, 1, "{overloadPower: 300}");
        pile.plugIn(4, Bike.TYPICAL);
        pile.switchRelay(4, true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasEvent("charging.session_started", "pile-1"));
        pile.overload(4, 150); // 330 W: over the area's 300 W, far under the profile's 800 W
        await().atMost(Duration.ofSeconds(15)).until(() -> !pile.port(4).relayClosed());
        assertThat(pile.port(4).cutReason()).isEqualTo(CutReason.REMOTE);
        await().atMost(Duration.ofSeconds(15)).until(() -> hasEvent("charging.session_ended", "OVERLOAD"));
        assertThat(alarmRaised("OVERLOAD").payload()).contains("pile-1");
    }
}
