package org.anju.agent.bus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.anju.protocol.modbus.LinePacing;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.BusPort;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.model.LockBoardProfile;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.Site;
import org.anju.profiles.model.TurnstileProfile;

/**
 * One scheduler per bus of a site, with the protocol clients on it: Modbus for piles, meters,
 * relay boards (lift boards among them) and turnstiles, the lock-board protocol for lock boards. Modbus devices are scanned with
 * their profile's reads at the bus's poll interval; lock boards are read whole at that interval.
 */
public final class SiteBuses implements AutoCloseable {
    /** A Modbus device and where it is. */
    public record ModbusDevice(Device device, ModbusClient client) {
    }

    /** A lock board and where it is. */
    public record BoardDevice(Device device, LockBoardClient client) {
    }

    /** A device went offline or came back. */
    private final Map<String, BusScheduler> schedulers = new LinkedHashMap<>();
    private final Map<String, ModbusDevice> modbus = new LinkedHashMap<>();
    private final Map<String, BoardDevice> boards = new LinkedHashMap<>();
    private final List<AutoCloseable> polls = new ArrayList<>();
    private final Map<String, DeviceScanner> scanners = new java.util.concurrent.ConcurrentHashMap<>();

    public SiteBuses(Site site, Consumer<DeviceStatus> status) {
        for (Bus bus : site.buses()) {
            long silence = LinePacing.atBaud(bus.baud()).silenceNanos();
            BusSettings settings = new BusSettings(bus.id(), bus.responseTimeout(), bus.retries(), 3,
                    Duration.ofSeconds(10), silence, Duration.ofSeconds(2));
            BusScheduler scheduler = new BusScheduler(settings, transport(bus), status);
            schedulers.put(bus.id(), scheduler);
            ModbusClient modbusClient = new ModbusClient(scheduler);
            LockBoardClient boardClient = new LockBoardClient(scheduler);
            for (Device d : bus.devices()) {
                if (d.profile() instanceof LockBoardProfile) {
                    boards.put(d.id(), new BoardDevice(d, boardClient));
                } else {
                    modbus.put(d.id(), new ModbusDevice(d, modbusClient));
                }
            }
        }
    }

    private static ByteTransport transport(Bus bus) {
        if (bus.port() instanceof BusPort.SerialServer server) {
            return new TcpTransport(server.host(), server.port());
        }
        SerialTransport.Parity parity = SerialTransport.Parity.valueOf(bus.parity().name());
        return new SerialTransport(((BusPort.SerialDevice) bus.port()).device().toString(), bus.baud(), parity,
                bus.stopBits());
    }

    /** Scans every Modbus device with its profile's reads; snapshots arrive on the bus threads. */
    public void scanModbusDevices(Site site, Clock clock, Consumer<RegisterSnapshot> onSnapshot) {
        for (Bus bus : site.buses()) {
            for (Device d : bus.devices()) {
                List<RegisterRead> reads = reads(d);
                if (reads.isEmpty()) {
                    continue;
                }
                List<DeviceScanner.Read> plan = reads.stream()
                        .map(r -> new DeviceScanner.Read(r.table(), r.address(), r.count())).toList();
                DeviceScanner scanner = new DeviceScanner(modbus.get(d.id()).client(), d.id(), d.address(), plan,
                        bus.pollInterval(), clock, onSnapshot);
                scanners.put(d.id(), scanner);
                polls.add(scanner);
            }
        }
    }

    /** Reads every lock board whole at its bus's poll interval (door sensors and lock states). */
    public void pollLockBoards(Site site, Consumer<Map.Entry<String, BusOutcome<org.anju.protocol.lockboard.LockBoardFrame.Reply>>> onState) {
        for (Bus bus : site.buses()) {
            for (Device d : bus.devices()) {
                BoardDevice board = boards.get(d.id());
                if (board != null) {
                    polls.add(board.client().poll(new org.anju.protocol.lockboard.LockBoardFrame.ReadAll(d.address()),
                            bus.pollInterval(), outcome -> onState.accept(Map.entry(d.id(), outcome))));
                }
            }
        }
    }

    private static List<RegisterRead> reads(Device d) {
        if (d.profile() instanceof ChargingPileProfile p) {
            return p.reads();
        }
        if (d.profile() instanceof EnergyMeterProfile m) {
            return m.reads();
        }
        if (d.profile() instanceof RelayBoardProfile r) {
            return r.reads();
        }
        if (d.profile() instanceof TurnstileProfile t) {
            return t.reads();
        }
        return List.of();
    }

    /** The scanner of a Modbus device, once {@link #scanModbusDevices} has started it. */
    public java.util.Optional<DeviceScanner> scanner(String deviceId) {
        return java.util.Optional.ofNullable(scanners.get(deviceId));
    }

    public Map<String, ModbusDevice> modbusDevices() {
        return modbus;
    }

    public Map<String, BoardDevice> lockBoards() {
        return boards;
    }

    public Map<String, BusScheduler> schedulers() {
        return schedulers;
    }

    @Override
    public void close() {
        for (AutoCloseable p : polls) {
            try {
                p.close();
            } catch (Exception ignored) {
                // stopping
            }
        }
        schedulers.values().forEach(BusScheduler::close);
    }
}
