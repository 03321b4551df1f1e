package org.anju.firmware.meter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.firmware.modbus.ModbusSlave;
import org.anju.firmware.modbus.ModbusSlaveEndpoint;
import org.anju.firmware.pile.Bike;
import org.anju.firmware.pile.Enclosure;
import org.anju.firmware.pile.SocketLoad;
import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;

/**
 * Reference firmware of a bike shed built from parts: sockets, each behind its own DDSU666-like
 * energy meter at its own unit address, their supply switched by the channels of Modbus relay
 * boards, all on one RS-485 line and in one cabinet. The bikes charge, taper, heat and run away
 * with the same physics as a pile's ports ({@link SocketLoad}, {@link Enclosure}); unlike a pile,
 * nothing here protects a socket: a meter only measures and a relay board only switches, so every
 * cut is the gateway's. Without relay boards the sockets are always live.
 *
 * <p>Socket n is metered by the n-th meter and switched by the n-th relay channel (the first
 * board's channels first). Meters answer as {@link MeterRegisterMap} says, with the read
 * functions of {@link Layout#functions()}. All methods are synchronized on the shed; its lock is
 * taken before a relay board's, never after.
 */
public final class MeterShed {
    private static final double MAINS_HERTZ = 50.0;

    /**
     * Where the shed's units sit on the line.
     *
     * @param firstRelayUnit 0 for a shed without relay boards
     */
    public record Layout(int firstMeterUnit, int meters, ReadFunctions functions, int firstRelayUnit,
                         int channelsPerBoard) {
        public static final int MAX_UNIT = 247;

        public Layout {
            if (meters < 1 || firstMeterUnit < 1 || firstMeterUnit + meters - 1 > MAX_UNIT) {
                throw new IllegalArgumentException("meters take units " + firstMeterUnit + "-" + (firstMeterUnit + meters - 1)
                        + "; a shed has at least one meter and units are 1-" + MAX_UNIT);
            }
            if (firstRelayUnit != 0) {
                if (channelsPerBoard < 1 || channelsPerBoard > RelayBoardSimulator.MAX_CHANNELS) {
                    throw new IllegalArgumentException("a relay board has 1-" + RelayBoardSimulator.MAX_CHANNELS
                            + " channels, not " + channelsPerBoard);
                }
                int boards = (meters + channelsPerBoard - 1) / channelsPerBoard;
                int lastRelay = firstRelayUnit + boards - 1;
                if (firstRelayUnit < 1 || lastRelay > MAX_UNIT) {
                    throw new IllegalArgumentException("relay boards take units " + firstRelayUnit + "-" + lastRelay
                            + "; units are 1-" + MAX_UNIT);
                }
                if (firstRelayUnit <= firstMeterUnit + meters - 1 && lastRelay >= firstMeterUnit) {
                    throw new IllegalArgumentException("relay boards at units " + firstRelayUnit + "-" + lastRelay
                            + " would share addresses with the meters at " + firstMeterUnit + "-" + (firstMeterUnit + meters - 1)
                            + "; give the boards units of their own, e.g. " + Math.max(20, firstMeterUnit + meters));
                }
            }
        }

        /** A shed of meters only: every socket always live. */
        public static Layout metersOnly(int firstMeterUnit, int meters, ReadFunctions functions) {
            return new Layout(firstMeterUnit, meters, functions, 0, 0);
        }

        public boolean hasRelays() {
            return firstRelayUnit != 0;
        }

        public int boards() {
            return hasRelays() ? (meters + channelsPerBoard - 1) / channelsPerBoard : 0;
        }

        public int meterUnit(int socket) {
            return firstMeterUnit + socket - 1;
        }

        public int relayUnit(int socket) {
            return firstRelayUnit + (socket - 1) / channelsPerBoard;
        }

        public int relayChannel(int socket) {
            return (socket - 1) % channelsPerBoard + 1;
        }
    }

    private final Layout layout;
    private final List<SocketLoad> sockets = new ArrayList<>();
    private final boolean[] silentMeters;
    /** Sockets whose meter is a DDS238-2 (scaled integers, function 03) rather than a DDSU666. */
    private final boolean[] dds238;
    private final List<RelayBoardSimulator> boards = new ArrayList<>();
    private final Enclosure cabinet = new Enclosure();

    public MeterShed(Layout layout) {
        this.layout = layout;
        for (int i = 0; i < layout.meters(); i++) {
            sockets.add(new SocketLoad());
        }
        silentMeters = new boolean[layout.meters()];
        dds238 = new boolean[layout.meters()];
        for (int b = 0; b < layout.boards(); b++) {
            // a board powers up with its relays open: no socket is live until someone starts it
            boards.add(new RelayBoardSimulator(layout.channelsPerBoard(), false));
        }
    }

    public Layout layout() {
        return layout;
    }

    /**
     * Sockets {@code from} to {@code to} are metered by DDS238-2s ({@link Dds238RegisterMap}: they
     * answer function 03 only, whatever the shed's read functions), as in the meter-shed example
     * site, whose last four sockets have them.
     */
    public synchronized MeterShed withDds238(int from, int to) {
        for (int socket = checkSocket(from); socket <= checkSocket(to); socket++) {
            dds238[socket - 1] = true;
        }
        return this;
    }

    /** The whole shed on one line: every meter and relay board at its unit, and the shed's time. */
    public LineDevice onLine() {
        List<LineDevice> units = new ArrayList<>();
        for (int socket = 1; socket <= layout.meters(); socket++) {
            units.add(new ModbusSlaveEndpoint(layout.meterUnit(socket), meter(socket)).asLineDevice(simulated -> { }));
        }
        for (int b = 0; b < boards.size(); b++) {
            units.add(boards.get(b).onLine(layout.firstRelayUnit() + b));
        }
        units.add(new LineDevice() {
            @Override
            public List<byte[]> receive(byte[] data, int offset, int length) {
                return List.of();
            }

            @Override
            public void advance(Duration simulated) {
                MeterShed.this.advance(simulated);
            }
        });
        return SharedLine.of(units);
    }

    /** The meter of {@code socket} as a Modbus slave. */
    public ModbusSlave meter(int socket) {
        checkSocket(socket);
        return request -> {
            synchronized (this) {
                return silentMeters[socket - 1] ? Optional.empty() : Optional.of(dds238[socket - 1]
                        ? answerDds238(request, reading(socket)) : answer(request, reading(socket)));
            }
        };
    }

    private ModbusPdu.Response answer(ModbusPdu.Request request, MeterReading reading) {
        int fc = request.functionByte();
        if (request instanceof ModbusPdu.ReadRequest read && !read.function().readsBits()) {
            if (!layout.functions().answers(read.function())) {
                return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_FUNCTION);
            }
            return MeterRegisterMap.read(read.address(), read.quantity(), reading)
                    .<ModbusPdu.Response>map(words -> new ModbusPdu.ReadRegistersResponse(read.function(), words))
                    .orElse(ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS));
        }
        if (request instanceof ModbusPdu.WriteSingleRegister || request instanceof ModbusPdu.WriteMultipleRegisters) {
            // nothing here is settable over the bus: address and baud rate are set on the meter's buttons
            return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_FUNCTION);
    }

    private static ModbusPdu.Response answerDds238(ModbusPdu.Request request, MeterReading reading) {
        int fc = request.functionByte();
        if (request instanceof ModbusPdu.ReadRequest read && read.function() == FunctionCode.READ_HOLDING_REGISTERS) {
            return Dds238RegisterMap.read(read.address(), read.quantity(), reading)
                    .<ModbusPdu.Response>map(words -> new ModbusPdu.ReadRegistersResponse(read.function(), words))
                    .orElse(ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS));
        }
        if (request instanceof ModbusPdu.WriteSingleRegister || request instanceof ModbusPdu.WriteMultipleRegisters) {
            return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        return ModbusPdu.ExceptionResponse.of(fc, ExceptionCode.ILLEGAL_FUNCTION);
    }

    public synchronized void advance(Duration simulated) {
        Enclosure.inSteps(simulated, this::step);
    }

    private void step(double seconds) {
        double load = 0;
        for (SocketLoad s : sockets) {
            load += s.powerWatts();
        }
        double supply = SocketLoad.supplyVolts(load);
        for (int socket = 1; socket <= sockets.size(); socket++) {
            sockets.get(socket - 1).step(seconds, live(socket), supply);
        }
        cabinet.step(seconds, load);
        for (RelayBoardSimulator board : boards) {
            board.cabinetTemperature(cabinet.celsius());
        }
    }

    /** Whether the supply reaches {@code socket}: its relay channel conducts, or there is no relay board. */
    private boolean live(int socket) {
        return !layout.hasRelays() || board(socket).conducting(layout.relayChannel(socket));
    }

    private RelayBoardSimulator board(int socket) {
        return boards.get((socket - 1) / layout.channelsPerBoard());
    }

    /** What the meter of {@code socket} measures now; an opened relay shows at once, as a real meter's does. */
    public synchronized MeterReading reading(int socket) {
        SocketLoad s = sockets.get(checkSocket(socket) - 1);
        boolean live = live(socket);
        return new MeterReading(s.volts(), live ? s.amps() : 0, live ? s.powerWatts() : 0, live ? s.reactiveVar() : 0,
                live ? s.powerFactor() : 1.0, MAINS_HERTZ, s.meteredWh(), 0);
    }

    /** The relay board with the channel of {@code socket}. */
    public RelayBoardSimulator relayBoardOf(int socket) {
        if (!layout.hasRelays()) {
            throw new IllegalStateException("this shed has no relay boards");
        }
        return board(checkSocket(socket));
    }

    public synchronized double cabinetCelsius() {
        return cabinet.celsius();
    }

    // ---- what people and tests do to the shed ----

    public synchronized void plugIn(int socket, Bike bike) {
        sockets.get(checkSocket(socket) - 1).plugIn(bike);
    }

    public synchronized void unplug(int socket) {
        sockets.get(checkSocket(socket) - 1).unplug();
    }

    /** Plugs a bike in and closes the socket's relay channel, as a start from the gateway would. */
    public synchronized void startCharge(int socket, Bike bike) {
        plugIn(socket, bike);
        if (layout.hasRelays()) {
            board(socket).switchChannel(layout.relayChannel(socket), true);
        }
    }

    public synchronized void overload(int socket, double extraWatts) {
        sockets.get(checkSocket(socket) - 1).overload(extraWatts);
    }

    /** A battery on {@code socket} goes into thermal runaway: the cabinet heats by this much per minute. */
    public synchronized void thermalRunaway(int socket, double celsiusPerMinute) {
        checkSocket(socket);
        cabinet.thermalRunaway(celsiusPerMinute);
    }

    /** The contacts of the socket's relay weld in their present position. */
    public synchronized void stickRelay(int socket) {
        relayBoardOf(socket).stick(layout.relayChannel(socket));
    }

    public synchronized void silenceMeter(int socket, boolean silent) {
        silentMeters[checkSocket(socket) - 1] = silent;
    }

    public void silenceRelays(boolean silent) {
        boards.forEach(b -> b.silence(silent));
    }

    /** The meter's energy counter is cleared, as an installer does from its buttons. */
    public synchronized void resetMeter(int socket) {
        sockets.get(checkSocket(socket) - 1).resetMeter();
    }

    /** The meter's energy counter already holds {@code kWh}, as one long in service does. */
    public synchronized void presetMeter(int socket, double kWh) {
        sockets.get(checkSocket(socket) - 1).presetMeter(kWh * 1000);
    }

    private int checkSocket(int socket) {
        if (socket < 1 || socket > sockets.size()) {
            throw new IllegalArgumentException("socket must be 1-" + sockets.size() + ", not " + socket);
        }
        return socket;
    }
}
