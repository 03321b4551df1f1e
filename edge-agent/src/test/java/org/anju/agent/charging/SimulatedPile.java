package org.anju.agent.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;

/**
 * The reference pile simulator read and written the way the gateway does it: Modbus RTU frames
 * in and out of the pile's line device, decoded by the same codec, registers turned into readings
 * by {@link ReferencePileDecoder}. Simulated time moves only when a test advances it.
 */
public final class SimulatedPile {
    private final String pileId;
    private final int unit;
    private final int ports;
    private final PileSimulator sim;
    private final LineDevice line;
    private final RtuFrameDecoder decoder = new RtuFrameDecoder(RtuFrameDecoder.Reads.RESPONSES);
    private Instant now;
    private Random noise;
    private double noiseC;

    public SimulatedPile(String pileId, int unit, int ports, PileLimits limits, Instant start) {
        this.pileId = pileId;
        this.unit = unit;
        this.ports = ports;
        this.sim = new PileSimulator(ports, limits);
        this.line = sim.onLine(unit);
        this.now = start;
    }

    /** Adds uniform noise of +-{@code celsius} to every temperature read, as a cheap sensor has. */
    public SimulatedPile withTemperatureNoise(double celsius, long seed) {
        this.noise = new Random(seed);
        this.noiseC = celsius;
        return this;
    }

    public PileSimulator sim() {
        return sim;
    }

    public String id() {
        return pileId;
    }

    public int ports() {
        return ports;
    }

    public Instant now() {
        return now;
    }

    public void advance(Duration d) {
        sim.advance(d);
        now = now.plus(d);
    }

    public PileReading readPile() {
        List<Integer> inputs = registers(ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, 0,
                PileRegisterMap.IR_PILE_WIDE_COUNT));
        boolean smoke = bits(ModbusPdu.ReadRequest.of(RegisterTable.DISCRETE_INPUT, PileRegisterMap.DI_SMOKE, 1)).get(0);
        PileReading r = ReferencePileDecoder.pile(pileId, now, inputs, smoke);
        if (noise == null) {
            return r;
        }
        double t = Math.round((r.temperatureC() + (noise.nextDouble() * 2 - 1) * noiseC) * 10) / 10.0;
        return new PileReading(r.pileId(), r.at(), t, r.smoke(), r.alarmBits());
    }

    public PortReading readPort(int port) {
        List<Integer> block = registers(ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER,
                PileRegisterMap.portBlock(port), PileRegisterMap.PORT_USED_WORDS));
        boolean relay = bits(ModbusPdu.ReadRequest.of(RegisterTable.COIL, PileRegisterMap.relayCoil(port), 1)).get(0);
        boolean plugged = bits(ModbusPdu.ReadRequest.of(RegisterTable.DISCRETE_INPUT, PileRegisterMap.plugInput(port), 1))
                .get(0);
        return ReferencePileDecoder.port(pileId, port, now, block, relay, plugged);
    }

    public void writeRelay(int port, boolean on) {
        exchange(new ModbusPdu.WriteSingleCoil(PileRegisterMap.relayCoil(port), on));
    }

    public void writeAllRelays(boolean on) {
        exchange(new ModbusPdu.WriteMultipleCoils(0, Collections.nCopies(ports, on)));
    }

    public void writeHeartbeat(int value) {
        exchange(new ModbusPdu.WriteSingleRegister(PileRegisterMap.HR_HEARTBEAT, value));
    }

    /** Sends one request and returns the reply (an exception response included), or null if none came. */
    public ModbusPdu.Response exchange(ModbusPdu.Request request) {
        byte[] frame = new RtuFrame(unit, request).encode();
        List<RtuEvent> events = new ArrayList<>();
        for (byte[] reply : line.receive(frame, 0, frame.length)) {
            events.addAll(decoder.feed(reply));
        }
        for (RtuEvent e : events) {
            if (e instanceof RtuEvent.Frame f && f.pdu() instanceof ModbusPdu.Response response) {
                return response;
            }
        }
        return null;
    }

    private List<Integer> registers(ModbusPdu.ReadRequest request) {
        ModbusPdu.Response r = exchange(request);
        if (!(r instanceof ModbusPdu.ReadRegistersResponse regs)) {
            throw new IllegalStateException("pile " + pileId + " answered " + r + " to " + request);
        }
        return regs.registers();
    }

    private List<Boolean> bits(ModbusPdu.ReadRequest request) {
        ModbusPdu.Response r = exchange(request);
        if (!(r instanceof ModbusPdu.ReadBitsResponse b) || b.function() == FunctionCode.WRITE_SINGLE_COIL) {
            throw new IllegalStateException("pile " + pileId + " answered " + r + " to " + request);
        }
        return b.first(request.quantity());
    }
}
