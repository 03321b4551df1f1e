package org.anju.firmware.pile;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anju.firmware.pile.PileMaster.PortReading;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleCoils;
import org.anju.protocol.modbus.ModbusPdu.WriteMultipleResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reference pile driven the way the gateway drives a real one: request frames in, reply frames
 * out, simulated time moved on with {@link PileSimulator#advance(Duration)}.
 */
class PileSimulatorTest {
    private static final int UNIT = 1;
    private static final int PORTS = 10;

    private final PileSimulator pile = new PileSimulator(PORTS, PileLimits.DEFAULTS);
    private final PileMaster master = new PileMaster(pile.onLine(UNIT), UNIT);

    private void startCharging(int port, Bike bike) {
        pile.plugIn(port, bike);
        master.switchRelay(port, true);
    }

    private void advanceSeconds(long seconds) {
        pile.advance(Duration.ofSeconds(seconds));
    }

    @Nested
    class Charging {

        @Test
        void aBikeAt35PercentChargesAtFullPowerThenTapersAndIsCutAsFullAfterTheFullChargeTime() {
            Bike bike = Bike.TYPICAL;
            assertThat(bike.stateOfCharge()).isEqualTo(0.35);
            startCharging(3, bike);
            advanceSeconds(10);

            PortReading first = master.port(3);
            assertThat(first.state()).isEqualTo(PortState.CHARGING);
            assertThat(first.watts()).isEqualTo(180);
            assertThat(first.volts()).isBetween(225.0, 232.0);
            assertThat(first.amps()).isCloseTo(180 / first.volts(), within(0.011));

            // the power register holds whole watts: the firmware's "below 30 W" began between the first
            // reading of 30 W or less and the first reading below 30 W
            long seconds = 10;
            long atMost30 = -1;
            long lowSince = -1;
            long cutAt = -1;
            List<PortReading> readings = new ArrayList<>(List.of(first));
            while (seconds < Duration.ofHours(8).toSeconds()) {
                advanceSeconds(10);
                seconds += 10;
                PortReading r = master.port(3);
                readings.add(r);
                if (atMost30 < 0 && r.watts() <= 30) {
                    atMost30 = seconds;
                }
                if (lowSince < 0 && r.watts() < 30) {
                    lowSince = seconds;
                    assertThat(r.state()).as("full but still on the relay").isEqualTo(PortState.SUSPENDED_EV);
                }
                if (!master.relay(3)) {
                    cutAt = seconds;
                    break;
                }
            }

            assertThat(cutAt).as("the firmware cut the port before 8 h").isPositive();
            PortReading end = readings.get(readings.size() - 1);
            assertThat(end.cutReason()).isEqualTo(CutReason.FULL);
            assertThat(end.state()).isEqualTo(PortState.FINISHING);
            assertThat(end.watts()).isZero();
            // cut 10 minutes after the power fell below 30 W, seen at a 10-second polling interval
            assertThat(cutAt - atMost30).isGreaterThanOrEqualTo(589L);
            assertThat(cutAt - lowSince).isBetween(400L, 611L);
            assertThat(cutAt).as("a 960 Wh pack from 35 %% on 180 W takes hours").isBetween(3 * 3600L, 6 * 3600L);

            // constant power first, then a taper that never rises again
            assertThat(readings.stream().filter(r -> r.watts() == 180).count() * 10).isGreaterThan(2 * 3600L);
            for (int i = 1; i < readings.size(); i++) {
                assertThat(readings.get(i).watts()).as("power at reading %d", i)
                        .isLessThanOrEqualTo(readings.get(i - 1).watts());
                assertThat(readings.get(i).energyWh()).as("energy at reading %d", i)
                        .isGreaterThanOrEqualTo(readings.get(i - 1).energyWh());
            }
            assertThat(readings).anySatisfy(r -> assertThat(r.watts()).isBetween(31, 179));

            // energy: about capacity x (1 - 0.35) / 0.9, a little less since it stops short of 100 %
            double ideal = bike.capacityWh() * (1 - bike.stateOfCharge()) / 0.9;
            assertThat((double) end.energyWh()).isBetween(0.85 * ideal, ideal);
            PileSimulator.PortSnapshot snapshot = pile.port(3);
            assertThat(snapshot.stateOfCharge()).isGreaterThan(0.9);
            double balance = bike.capacityWh() * (snapshot.stateOfCharge() - bike.stateOfCharge()) / 0.9;
            assertThat(snapshot.energyWh()).isCloseTo(balance, within(balance * 0.01));

            // after the cut nothing flows and the counter stands still
            advanceSeconds(3600);
            assertThat(master.port(3).energyWh()).isEqualTo(end.energyWh());
            assertThat(master.port(3).watts()).isZero();
        }

        @Test
        void theSessionClockCountsOnlyWhileTheRelayIsClosed() {
            startCharging(1, Bike.TYPICAL);
            advanceSeconds(600);
            assertThat(master.port(1).sessionSeconds()).isEqualTo(600);
            master.switchRelay(1, false);
            advanceSeconds(600);
            PortReading r = master.port(1);
            assertThat(r.sessionSeconds()).isEqualTo(600);
            assertThat(r.cutReason()).isEqualTo(CutReason.REMOTE);
            assertThat(r.state()).isEqualTo(PortState.FINISHING);
            master.switchRelay(1, true);
            advanceSeconds(60);
            assertThat(master.port(1).sessionSeconds()).as("a new session starts at 0").isEqualTo(60);
        }

        @Test
        void eachPortIntegratesItsOwnEnergy() {
            startCharging(1, Bike.TYPICAL);
            startCharging(2, new Bike(960, 0.35, 90));
            advanceSeconds(3600);
            assertThat(master.port(1).energyWh()).isBetween(179L, 180L);
            assertThat(master.port(2).energyWh()).isBetween(89L, 90L);
            assertThat(master.port(3).energyWh()).isZero();
        }

        @Test
        void unpluggingDuringASessionCutsThePortAsUnplugged() {
            startCharging(5, Bike.TYPICAL);
            advanceSeconds(60);
            pile.unplug(5);
            advanceSeconds(1);
            assertThat(master.plugged(5)).isFalse();
            assertThat(master.relay(5)).isFalse();
            assertThat(master.port(5).cutReason()).isEqualTo(CutReason.UNPLUGGED);
            assertThat(master.port(5).state()).isEqualTo(PortState.AVAILABLE);
        }
    }

    @Nested
    class FirmwareProtection {

        @Test
        void aChargerDrawingMoreThanTheOverloadLimitIsCutAndTheNeighbourKeepsCharging() {
            startCharging(1, Bike.TYPICAL);
            startCharging(2, Bike.TYPICAL);
            advanceSeconds(60);
            pile.overload(2, 1200);
            advanceSeconds(1);

            assertThat(master.relay(2)).isFalse();
            PortReading cut = master.port(2);
            assertThat(cut.state()).isEqualTo(PortState.FAULTED);
            assertThat(cut.cutReason()).isEqualTo(CutReason.OVERLOAD);
            assertThat(cut.watts()).isZero();
            assertThat(master.relay(1)).isTrue();
            assertThat(master.port(1).state()).isEqualTo(PortState.CHARGING);
        }

        @Test
        void exactlyTheOverloadLimitIsAllowedAndOneWattMoreIsCut() {
            startCharging(1, Bike.TYPICAL);
            startCharging(2, Bike.TYPICAL);
            pile.overload(1, 820);  // 180 + 820 = 1000 W
            pile.overload(2, 821);  // 1001 W
            advanceSeconds(5);
            assertThat(master.port(1).watts()).isEqualTo(1000);
            assertThat(master.port(1).state()).isEqualTo(PortState.CHARGING);
            assertThat(master.port(2).cutReason()).isEqualTo(CutReason.OVERLOAD);
        }

        @Test
        void closingAnOverloadedPortAgainIsCutAgainAtOnce() {
            startCharging(4, Bike.TYPICAL);
            pile.overload(4, 1200);
            advanceSeconds(1);
            master.switchRelay(4, true);
            assertThat(master.port(4).state()).as("closing clears the fault").isNotEqualTo(PortState.FAULTED);
            advanceSeconds(1);
            assertThat(master.relay(4)).isFalse();
            assertThat(master.port(4).state()).isEqualTo(PortState.FAULTED);
        }

        @Test
        void aSessionLongerThanTheDefaultEightHoursIsCut() {
            Bike bigPack = new Bike(100_000, 0.0, 180);
            startCharging(6, bigPack);
            advanceSeconds(Duration.ofHours(8).toSeconds() - 60);
            assertThat(master.relay(6)).isTrue();
            assertThat(master.port(6).state()).isEqualTo(PortState.CHARGING);
            advanceSeconds(120);
            PortReading r = master.port(6);
            assertThat(master.relay(6)).isFalse();
            assertThat(r.cutReason()).isEqualTo(CutReason.MAX_TIME);
            assertThat(r.state()).isEqualTo(PortState.FINISHING);
            assertThat(r.sessionSeconds()).isEqualTo(Duration.ofHours(8).toSeconds());
        }

        @Test
        void aShorterMaximumSessionWrittenByTheGatewayApplies() {
            master.writeHolding(PileRegisterMap.HR_MAX_SESSION_MINUTES, 30);
            startCharging(6, new Bike(100_000, 0.0, 180));
            advanceSeconds(29 * 60);
            assertThat(master.relay(6)).isTrue();
            advanceSeconds(60);
            assertThat(master.relay(6)).isFalse();
            assertThat(master.port(6).cutReason()).isEqualTo(CutReason.MAX_TIME);
            assertThat(master.port(6).sessionSeconds()).isEqualTo(1800);
        }

        @Test
        void aFullChargeTimeOfZeroCutsAFullPortAtOnceButNeverOneThatIsCharging() {
            master.writeHolding(PileRegisterMap.HR_FULL_SECONDS, 0);
            startCharging(1, Bike.TYPICAL);
            startCharging(2, new Bike(960, 1.0, 180));  // already full: draws the 4 W trickle
            advanceSeconds(5);
            assertThat(master.relay(1)).as("a bike drawing 180 W is not full").isTrue();
            assertThat(master.port(1).state()).isEqualTo(PortState.CHARGING);
            assertThat(master.relay(2)).isFalse();
            assertThat(master.port(2).cutReason()).isEqualTo(CutReason.FULL);
        }
    }

    @Nested
    class Alarms {

        @Test
        void thermalRunawayHeatsThePileUntilEveryRelayOpensAndClosingIsRefused() {
            startCharging(1, Bike.TYPICAL);
            startCharging(2, Bike.TYPICAL);
            startCharging(3, Bike.TYPICAL);
            pile.thermalRunaway(2, 2.0);

            double before = master.temperatureCelsius();
            assertThat(before).isCloseTo(25.0, within(1.0));
            long seconds = 0;
            double last = before;
            while (!master.overTemperatureInput() && seconds < 3600) {
                assertThat(master.relay(1)).isTrue();
                advanceSeconds(30);
                seconds += 30;
                double now = master.temperatureCelsius();
                assertThat(now).as("temperature at %d s", seconds).isGreaterThanOrEqualTo(last);
                last = now;
            }
            assertThat(seconds).as("2 degC per minute from 25 degC passes 80 degC in under half an hour")
                    .isBetween(20 * 60L, 30 * 60L);
            assertThat(master.temperatureCelsius()).isGreaterThan(80.0);
            assertThat(master.alarms() & PileRegisterMap.ALARM_OVER_TEMPERATURE).isNotZero();
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).containsOnly(false);
            for (int port = 1; port <= 3; port++) {
                assertThat(master.port(port).cutReason()).isEqualTo(CutReason.OVER_TEMPERATURE);
                assertThat(master.port(port).state()).isEqualTo(PortState.UNAVAILABLE);
            }
            advanceSeconds(1);
            assertThat(master.port(1).watts()).isZero();

            assertThat(master.switchRelayRefused(1)).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);
            assertThat(master.askExpectingException(new WriteMultipleCoils(0, List.of(false, true))))
                    .isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).containsOnly(false);
            // opening is always allowed
            master.switchRelay(1, false);
            assertThat(master.ask(new WriteMultipleCoils(0, List.of(false, false))))
                    .isEqualTo(new WriteMultipleResponse(FunctionCode.WRITE_MULTIPLE_COILS, 0, 2));

            advanceSeconds(600);
            assertThat(master.overTemperatureInput()).as("the alarm holds while the runaway goes on").isTrue();
            assertThat(master.switchRelayRefused(2)).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);
        }

        @Test
        void theOverTemperatureAlarmClearsFiveDegreesBelowTheLimit() {
            startCharging(1, Bike.TYPICAL);
            master.switchRelay(1, false);
            advanceSeconds(1);
            // the pile sits at 25 degC; a limit of 20 degC trips the alarm
            master.writeHolding(PileRegisterMap.HR_OVER_TEMPERATURE, 200);
            advanceSeconds(1);
            assertThat(master.overTemperatureInput()).isTrue();
            assertThat(master.switchRelayRefused(1)).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);

            master.writeHolding(PileRegisterMap.HR_OVER_TEMPERATURE, 290);  // 25 is not below 29 - 5
            advanceSeconds(1);
            assertThat(master.overTemperatureInput()).isTrue();

            master.writeHolding(PileRegisterMap.HR_OVER_TEMPERATURE, 310);  // 25 is below 31 - 5
            advanceSeconds(1);
            assertThat(master.overTemperatureInput()).isFalse();
            assertThat(master.alarms()).isZero();
            master.switchRelay(1, true);
            advanceSeconds(1);
            assertThat(master.port(1).state()).isEqualTo(PortState.CHARGING);
        }

        @Test
        void smokeOpensEveryRelayAndBlocksClosingUntilItClears() {
            for (int port = 1; port <= PORTS; port++) {
                startCharging(port, Bike.TYPICAL);
            }
            advanceSeconds(60);
            pile.smoke(true);

            assertThat(master.smokeInput()).isTrue();
            assertThat(master.alarms() & PileRegisterMap.ALARM_SMOKE).isNotZero();
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).containsOnly(false);
            advanceSeconds(1);
            for (int port = 1; port <= PORTS; port++) {
                PortReading r = master.port(port);
                assertThat(r.cutReason()).isEqualTo(CutReason.SMOKE);
                assertThat(r.watts()).isZero();
                assertThat(r.state()).isEqualTo(PortState.UNAVAILABLE);
            }
            assertThat(master.switchRelayRefused(7)).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);

            pile.smoke(false);
            assertThat(master.smokeInput()).isFalse();
            master.switchRelay(7, true);
            advanceSeconds(1);
            assertThat(master.port(7).state()).isEqualTo(PortState.CHARGING);
        }
    }

    @Nested
    class HeartbeatWatchdog {

        @Test
        void theWatchdogIsNotArmedUntilTheFirstHeartbeat() {
            startCharging(1, Bike.TYPICAL);
            advanceSeconds(600);
            assertThat(master.relay(1)).isTrue();
            assertThat(master.alarms()).isZero();
        }

        @Test
        void noHeartbeatForTheTimeoutOpensEveryRelayAndTheNextHeartbeatClearsTheAlarm() {
            startCharging(1, Bike.TYPICAL);
            startCharging(2, Bike.TYPICAL);
            master.heartbeat();
            advanceSeconds(59);
            assertThat(master.relay(1)).isTrue();
            assertThat(master.alarms()).isZero();

            advanceSeconds(1);
            assertThat(master.alarms() & PileRegisterMap.ALARM_WATCHDOG).isNotZero();
            assertThat(master.readBits(FunctionCode.READ_COILS, 0, PORTS)).containsOnly(false);
            assertThat(master.port(1).cutReason()).isEqualTo(CutReason.WATCHDOG);
            assertThat(master.port(2).cutReason()).isEqualTo(CutReason.WATCHDOG);
            assertThat(master.switchRelayRefused(1)).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE);

            master.heartbeat();
            assertThat(master.alarms()).isZero();
            assertThat(master.relay(1)).as("the relays stay open until the gateway closes them").isFalse();
            master.switchRelay(1, true);
            advanceSeconds(1);
            assertThat(master.port(1).state()).isEqualTo(PortState.CHARGING);
        }

        @Test
        void regularHeartbeatsKeepThePortsCharging() {
            startCharging(1, Bike.TYPICAL);
            for (int i = 0; i < 20; i++) {
                master.heartbeat();
                advanceSeconds(45);
            }
            assertThat(master.relay(1)).isTrue();
            assertThat(master.alarms()).isZero();
        }

        @Test
        void aShorterTimeoutWrittenByTheGatewayApplies() {
            startCharging(1, Bike.TYPICAL);
            master.writeHolding(PileRegisterMap.HR_HEARTBEAT_TIMEOUT, 10);
            master.heartbeat();
            advanceSeconds(9);
            assertThat(master.relay(1)).isTrue();
            advanceSeconds(1);
            assertThat(master.relay(1)).isFalse();
            assertThat(master.port(1).cutReason()).isEqualTo(CutReason.WATCHDOG);
        }

        @Test
        void aTimeoutOfZeroTurnsTheWatchdogOff() {
            startCharging(1, Bike.TYPICAL);
            master.writeHolding(PileRegisterMap.HR_HEARTBEAT_TIMEOUT, 0);
            master.heartbeat();
            advanceSeconds(3600);
            assertThat(master.relay(1)).isTrue();
            assertThat(master.alarms()).isZero();
        }
    }

    /** Under {@code --speed}, the bikes run fast and the firmware's timers keep the wall's pace. */
    @Nested
    class WallPacedTimers {
        private static final double SPEED = 60;

        @Test
        void theWatchdogCountsWallSecondsSoAHeartbeatEvery20WallSecondsKeepsThePortsOn() {
            pile.wallPacedTimers(SPEED);
            startCharging(1, Bike.TYPICAL);
            for (int i = 0; i < 10; i++) {
                master.heartbeat();
                advanceSeconds((long) (20 * SPEED)); // 20 s of the wall: 20 minutes of the pile's time
            }
            assertThat(master.relay(1)).isTrue();
            assertThat(master.alarms()).isZero();
            advanceSeconds((long) (61 * SPEED)); // a minute of the wall without one
            assertThat(master.relay(1)).isFalse();
            assertThat(master.port(1).cutReason()).isEqualTo(CutReason.WATCHDOG);
        }

        @Test
        void aFullBatteryIsCutAfterTenMinutesOfTheWallNotTenOfThePile() {
            pile.wallPacedTimers(SPEED);
            startCharging(2, new Bike(960, 1.0, 180)); // full already: it floats at 4 W
            advanceSeconds(11 * 60);
            assertThat(master.relay(2)).as("ten simulated minutes are ten wall seconds").isTrue();
            advanceSeconds((long) (10 * 60 * SPEED));
            assertThat(master.relay(2)).isFalse();
            assertThat(master.port(2).cutReason()).isEqualTo(CutReason.FULL);
        }

        @Test
        void theMaximumSessionIsEightHoursOfTheWall() {
            pile.wallPacedTimers(2);
            startCharging(3, new Bike(100_000, 0.1, 180)); // a battery that never fills in this test
            advanceSeconds(15 * 3600); // 7.5 h of the wall
            assertThat(master.relay(3)).isTrue();
            assertThat(master.port(3).sessionSeconds()).as("the session time register counts the pile's time")
                    .isEqualTo(15 * 3600);
            advanceSeconds(3600 + 60);
            assertThat(master.relay(3)).isFalse();
            assertThat(master.port(3).cutReason()).isEqualTo(CutReason.MAX_TIME);
        }

        @Test
        void theLimitRegistersKeepTheirValues() {
            pile.wallPacedTimers(SPEED);
            assertThat(master.holding()).containsExactly(0, 60, 1000, 30, 600, 480, 800);
        }
    }

    @Nested
    class FaultInjection {

        @Test
        void aStuckRelayKeepsPowerFlowingAfterAnOpenCommand() {
            startCharging(4, Bike.TYPICAL);
            advanceSeconds(60);
            pile.stickRelay(4);
            master.switchRelay(4, false);
            assertThat(master.relay(4)).as("the coil reads what was commanded").isFalse();

            long energyBefore = master.port(4).energyWh();
            advanceSeconds(600);
            PortReading r = master.port(4);
            assertThat(r.watts()).as("power on a port whose relay was commanded open").isEqualTo(180);
            assertThat(r.energyWh()).isGreaterThan(energyBefore + 25);
        }

        @Test
        void aRelayStuckOpenGivesNoPowerWhenClosed() {
            pile.plugIn(4, Bike.TYPICAL);
            pile.stickRelay(4);
            master.switchRelay(4, true);
            advanceSeconds(60);
            assertThat(master.relay(4)).isTrue();
            assertThat(master.port(4).watts()).isZero();
            assertThat(master.port(4).energyWh()).isZero();
        }

        @Test
        void aSilentPortLeavesRequestsTouchingItUnansweredAndTheRestAnswered() {
            startCharging(2, Bike.TYPICAL);
            advanceSeconds(1);
            pile.silencePort(2, true);

            assertThat(master.ask(UNIT, new ModbusPdu.ReadRequest(FunctionCode.READ_INPUT_REGISTERS,
                    PileRegisterMap.portBlock(2), PileRegisterMap.PORT_USED_WORDS))).isEmpty();
            assertThat(master.ask(UNIT, new ModbusPdu.ReadRequest(FunctionCode.READ_COILS, 0, PORTS))).isEmpty();
            assertThat(master.ask(UNIT, new ModbusPdu.ReadRequest(FunctionCode.READ_DISCRETE_INPUTS,
                    PileRegisterMap.plugInput(2), 1))).isEmpty();
            assertThat(master.ask(UNIT, new ModbusPdu.WriteSingleCoil(PileRegisterMap.relayCoil(2), false))).isEmpty();

            assertThat(master.port(1).state()).isEqualTo(PortState.AVAILABLE);
            assertThat(master.port(3).state()).isEqualTo(PortState.AVAILABLE);
            assertThat(master.relay(1)).isFalse();
            assertThat(master.holding()).hasSize(PileRegisterMap.HR_COUNT);

            pile.silencePort(2, false);
            assertThat(master.relay(2)).as("the unanswered open command was not carried out").isTrue();
            assertThat(master.port(2).state()).isEqualTo(PortState.CHARGING);
        }

        @Test
        void aSilentUnitAnswersNothingAndDoesNothingUntilItWakes() {
            pile.plugIn(1, Bike.TYPICAL);
            pile.silenceUnit(true);
            assertThat(master.ask(UNIT, new ModbusPdu.ReadRequest(FunctionCode.READ_HOLDING_REGISTERS, 0, 1))).isEmpty();
            assertThat(master.ask(UNIT, new ModbusPdu.WriteSingleCoil(0, true))).isEmpty();
            pile.silenceUnit(false);
            assertThat(master.relay(1)).isFalse();
            assertThat(master.holding()).hasSize(PileRegisterMap.HR_COUNT);
        }

        @Test
        void aRebootOpensRelaysZeroesEnergyCountersAndDisarmsTheWatchdog() {
            startCharging(1, Bike.TYPICAL);
            startCharging(2, Bike.TYPICAL);
            master.heartbeat();
            for (int i = 0; i < 60; i++) {
                master.heartbeat();
                advanceSeconds(30);
            }
            assertThat(master.port(1).energyWh()).isGreaterThan(80);

            pile.reboot();
            for (int port = 1; port <= 2; port++) {
                PortReading r = master.port(port);
                assertThat(r.energyWh()).isZero();
                assertThat(r.sessionSeconds()).isZero();
                assertThat(r.watts()).isZero();
                assertThat(r.cutReason()).isEqualTo(CutReason.NONE);
                assertThat(r.state()).as("plugged, waiting for a start").isEqualTo(PortState.PREPARING);
                assertThat(master.relay(port)).isFalse();
                assertThat(master.plugged(port)).isTrue();
            }
            advanceSeconds(600);
            assertThat(master.alarms()).as("no heartbeat since the reboot, so no watchdog").isZero();
            master.switchRelay(1, true);
            advanceSeconds(3600);
            assertThat(master.port(1).energyWh()).isBetween(179L, 180L);
        }
    }

    @Test
    void simulatedTimeCanRunAWholeNightInOneCall() {
        startCharging(1, Bike.TYPICAL);
        pile.advance(Duration.ofHours(12));
        assertThat(master.port(1).cutReason()).isEqualTo(CutReason.FULL);
    }

    @Test
    void aPileHasOneToThirtyTwoPorts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PileSimulator(0, PileLimits.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-32");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PileSimulator(33, PileLimits.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pile.plugIn(11, Bike.TYPICAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-10");
    }
}
