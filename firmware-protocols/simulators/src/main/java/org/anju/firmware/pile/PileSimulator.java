package org.anju.firmware.pile;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.modbus.ModbusSlave;
import org.anju.firmware.modbus.ModbusSlaveEndpoint;

/**
 * Reference firmware of a multi-port e-bike charging pile: the physics of the bikes on it, the
 * protection a real pile's own firmware has, and fault injection. Its registers follow
 * {@link PileRegisterMap}; {@link PileRegisters} answers Modbus requests against it.
 * All methods are synchronized: the line, the clock and tests call from different threads.
 */
public final class PileSimulator {
    /** Firmware version 1.4, as major x 256 + minor. */
    public static final int FIRMWARE_VERSION = 0x0104;
    private static final double OVER_TEMPERATURE_HYSTERESIS = 5.0;

    private final List<ChargingPort> ports = new ArrayList<>();
    private final Enclosure enclosure = new Enclosure();
    private PileLimits limits;
    private boolean smoke;
    private boolean overTemperature;
    private boolean watchdogTripped;
    private double secondsSinceHeartbeat;
    private boolean heartbeatSeen;
    private boolean unitSilent;
    /** Simulated seconds per second of the firmware's timers: see {@link #wallPacedTimers}. */
    private double timerPace = 1;

    public PileSimulator(int portCount, PileLimits limits) {
        if (portCount < 1 || portCount > PileRegisterMap.MAX_PORTS) {
            throw new IllegalArgumentException("a pile has 1-" + PileRegisterMap.MAX_PORTS + " ports, not " + portCount);
        }
        for (int i = 0; i < portCount; i++) {
            ports.add(new ChargingPort());
        }
        this.limits = limits;
    }

    /** This pile as a Modbus RTU slave at {@code unit}, on a line. */
    public LineDevice onLine(int unit) {
        return new ModbusSlaveEndpoint(unit, modbus()).asLineDevice(this::advance);
    }

    public ModbusSlave modbus() {
        PileRegisters registers = new PileRegisters(this);
        return request -> {
            synchronized (this) {
                return unitSilent ? Optional.empty() : registers.handle(request);
            }
        };
    }

    /**
     * This pile's simulated time runs {@code speed} times faster than the wall (a
     * {@code SimulationClock} at that speed drives it), while its firmware's timers keep counting
     * wall time: the heartbeat watchdog, the full-charge time and the maximum session time. They
     * are what a master at the wall's pace is matched against (its heartbeat comes every so many
     * wall seconds, its own full-charge and session limits are set shorter than the firmware's),
     * so speeding them up would trip the watchdog under a live gateway and let the firmware's
     * limits overtake the gateway's. The bikes, the heat and the meters run at {@code speed}; the
     * limit registers keep their values. {@code anju simulate --speed} and {@code anju demo} do this.
     */
    public synchronized void wallPacedTimers(double speed) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be above 0 and at most 100000, not " + speed);
        }
        timerPace = speed;
    }

    public synchronized void advance(Duration simulated) {
        Enclosure.inSteps(simulated, this::step);
    }

    private void step(double seconds) {
        double load = 0;
        for (ChargingPort port : ports) {
            load += port.powerWatts();
        }
        double supply = SocketLoad.supplyVolts(load);
        double timerSeconds = seconds / timerPace;
        for (ChargingPort port : ports) {
            port.step(seconds, timerSeconds, limits, supply);
        }
        enclosure.step(seconds, load);
        if (heartbeatSeen && !limits.heartbeatTimeout().isZero()) {
            secondsSinceHeartbeat += timerSeconds;
            if (secondsSinceHeartbeat >= limits.heartbeatTimeout().toSeconds() && !watchdogTripped) {
                watchdogTripped = true;
                openAll(CutReason.WATCHDOG);
            }
        }
        double celsius = temperature();
        if (celsius > limits.overTemperatureCelsius() && !overTemperature) {
            overTemperature = true;
            openAll(CutReason.OVER_TEMPERATURE);
        } else if (overTemperature && celsius < limits.overTemperatureCelsius() - OVER_TEMPERATURE_HYSTERESIS) {
            overTemperature = false;
        }
    }

    private void openAll(CutReason reason) {
        ports.forEach(p -> p.open(reason));
    }

    // ---- what the registers expose ----

    synchronized double temperature() {
        return enclosure.celsius();
    }

    synchronized int alarmBits() {
        return (smoke ? PileRegisterMap.ALARM_SMOKE : 0)
                | (overTemperature ? PileRegisterMap.ALARM_OVER_TEMPERATURE : 0)
                | (watchdogTripped ? PileRegisterMap.ALARM_WATCHDOG : 0);
    }

    synchronized boolean smoke() {
        return smoke;
    }

    synchronized boolean overTemperature() {
        return overTemperature;
    }

    /** An alarm that keeps every relay open until it clears. */
    synchronized boolean blockingAlarm() {
        return smoke || overTemperature || watchdogTripped;
    }

    synchronized PileLimits limits() {
        return limits;
    }

    synchronized void limits(PileLimits newLimits) {
        limits = newLimits;
    }

    synchronized void heartbeat() {
        heartbeatSeen = true;
        secondsSinceHeartbeat = 0;
        watchdogTripped = false;
    }

    int portCount() {
        return ports.size();
    }

    ChargingPort portState(int port) {
        return ports.get(port - 1);
    }

    synchronized PortState stateOf(int port) {
        return portState(port).state(blockingAlarm(), limits);
    }

    // ---- what people and tests do to the pile ----

    public synchronized void plugIn(int port, Bike bike) {
        portState(checkPort(port)).plugIn(bike);
    }

    public synchronized void unplug(int port) {
        portState(checkPort(port)).unplug();
    }

    /** Closes or opens a port's relay as a card at the pile or the relay coil would. */
    public synchronized boolean switchRelay(int port, boolean on) {
        ChargingPort p = portState(checkPort(port));
        if (!on) {
            p.open(CutReason.REMOTE);
            return true;
        }
        if (blockingAlarm()) {
            return false;
        }
        p.close();
        return true;
    }

    public synchronized void smoke(boolean present) {
        smoke = present;
        if (present) {
            openAll(CutReason.SMOKE);
        }
    }

    /** The port's charger draws {@code extraWatts} more than the bike asks, as a failing charger does. */
    public synchronized void overload(int port, double extraWatts) {
        portState(checkPort(port)).overload(extraWatts);
    }

    /** A battery on {@code port} goes into thermal runaway: the pile heats by this much per minute. */
    public synchronized void thermalRunaway(int port, double celsiusPerMinute) {
        checkPort(port);
        enclosure.thermalRunaway(celsiusPerMinute);
    }

    public synchronized void stickRelay(int port) {
        portState(checkPort(port)).stickRelay();
    }

    /** Requests touching this port's registers go unanswered, as when its metering chip hangs. */
    public synchronized void silencePort(int port, boolean silent) {
        portState(checkPort(port)).silent(silent);
    }

    /** The whole unit stops answering (or answers again). */
    public synchronized void silenceUnit(boolean silent) {
        unitSilent = silent;
    }

    /** The pile restarts: relays open, meters restart at zero, alarms reset. */
    public synchronized void reboot() {
        ports.forEach(ChargingPort::reboot);
        watchdogTripped = false;
        heartbeatSeen = false;
    }

    public synchronized PortSnapshot port(int port) {
        ChargingPort p = portState(checkPort(port));
        return new PortSnapshot(port, stateOf(port), p.relayCommanded(), p.plugged(), p.voltage(),
                p.powerWatts(), p.energyWh(), p.sessionSeconds(), p.stateOfCharge(), p.cutReason());
    }

    private int checkPort(int port) {
        if (port < 1 || port > ports.size()) {
            throw new IllegalArgumentException("port must be 1-" + ports.size() + ", not " + port);
        }
        return port;
    }

    /** What one port looks like from outside at this moment. */
    public record PortSnapshot(int port, PortState state, boolean relayClosed, boolean plugged, double volts,
                               double watts, double energyWh, double sessionSeconds, double stateOfCharge,
                               CutReason cutReason) {
    }
}
