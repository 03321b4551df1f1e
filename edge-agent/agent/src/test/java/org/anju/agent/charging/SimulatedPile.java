package org.anju.agent.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.pile.PileSimulator;
import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.reading.PileDecoder;
import org.anju.profiles.reading.PortDecoder;
import org.anju.profiles.reading.PortDecoding;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RegisterWords;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;

/**
 * The reference pile simulator read and written the way the gateway does it: Modbus RTU frames
 * in and out of the pile's line device, decoded by the same codec, and the words turned into
 * readings by the gateway's own path: the shipped reference pile profile's decoders
 * ({@link PortDecoder}, {@link PileDecoder}) and {@link PortReadings}. Simulated time moves only
 * when a test advances it.
 */
public final class SimulatedPile {
    private final String pileId;
    private final int unit;
    private final int ports;
    private final PileSimulator sim;
    private final LineDevice line;
    /** Made once, as the gateway makes them once per site ({@code ChargingPorts}), not per read. */
    private final PileDecoder pileDecoder;
    private final PortDecoder[] portDecoders;
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
        ChargingPileProfile profile = referenceProfile(ports);
        this.pileDecoder = PileDecoder.of(profile);
        this.portDecoders = new PortDecoder[ports + 1];
        for (int port = 1; port <= ports; port++) {
            portDecoders[port] = PortDecoder.of(profile, port);
        }
        this.now = start;
    }

    /** The shipped reference pile profile that maps these ports (the 10-, 12- or 16-port one; their maps agree). */
    public static ChargingPileProfile referenceProfile(int ports) {
        String id = ports <= 10 ? "anju-ref-pile-10" : ports <= 12 ? "anju-ref-pile-12" : "anju-ref-pile-16";
        return ProfileCatalog.shipped().catalog().find(id, ChargingPileProfile.class).orElseThrow();
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
        RegisterWords.Builder words = RegisterWords.builder();
        List<Integer> inputs = registers(ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, 0,
                PileRegisterMap.IR_PILE_WIDE_COUNT));
        if (noise != null) {
            int tenths = (short) (int) inputs.get(PileRegisterMap.IR_TEMPERATURE);
            inputs = new ArrayList<>(inputs);
            inputs.set(PileRegisterMap.IR_TEMPERATURE, (int) Math.round(tenths + (noise.nextDouble() * 2 - 1) * noiseC * 10) & 0xFFFF);
        }
        words.put(RegisterTable.INPUT_REGISTER, 0, inputs);
        words.putBits(RegisterTable.DISCRETE_INPUT, PileRegisterMap.DI_SMOKE,
                bits(ModbusPdu.ReadRequest.of(RegisterTable.DISCRETE_INPUT, PileRegisterMap.DI_SMOKE, 1)));
        return PortReadings.ofPile(pileId, now, pileDecoder.decode(words.build())).orElseThrow();
    }

    public PortReading readPort(int port) {
        RegisterWords.Builder words = RegisterWords.builder();
        words.put(RegisterTable.INPUT_REGISTER, PileRegisterMap.portBlock(port), registers(ModbusPdu.ReadRequest.of(
                RegisterTable.INPUT_REGISTER, PileRegisterMap.portBlock(port), PileRegisterMap.PORT_USED_WORDS)));
        words.putBits(RegisterTable.COIL, PileRegisterMap.relayCoil(port),
                bits(ModbusPdu.ReadRequest.of(RegisterTable.COIL, PileRegisterMap.relayCoil(port), 1)));
        words.putBits(RegisterTable.DISCRETE_INPUT, PileRegisterMap.plugInput(port),
                bits(ModbusPdu.ReadRequest.of(RegisterTable.DISCRETE_INPUT, PileRegisterMap.plugInput(port), 1)));
        PortDecoding d = portDecoders[port].decode(words.build());
        if (!(d instanceof PortDecoding.Read read)) {
            throw new IllegalStateException("port " + port + " of pile " + pileId + " decoded as " + d);
        }
        return PortReadings.ofPilePort(pileId, port, now, read.values());
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
