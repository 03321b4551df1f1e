package org.anju.agent.charging;

import static org.anju.protocol.pile.PileRegisterMap.*;

import java.time.Instant;
import java.util.List;

import org.anju.protocol.pile.CutReason;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.WordOrder;

/**
 * Turns the reference pile's registers ({@code PileRegisterMap}) into readings, so the bus
 * wiring only moves words. Codes the firmware should never send come back as a faulted port or
 * an unknown cut reason rather than an exception: a glitching pile must not stop supervision.
 */
public final class ReferencePileDecoder {

    private ReferencePileDecoder() {
    }

    /** The pile-wide input registers 0x0000-0x0003 (temperature, firmware, port count, alarms). */
    public static PileReading pile(String pileId, Instant at, List<Integer> pileWideInputs, boolean smokeInput) {
        double celsius = DataType.S16.decode(pileWideInputs, IR_TEMPERATURE, WordOrder.HIGH_FIRST) / 10.0;
        return new PileReading(pileId, at, celsius, smokeInput, pileWideInputs.get(IR_ALARMS));
    }

    /**
     * One port's block of input registers (at least {@link org.anju.protocol.pile.PileRegisterMap#PORT_USED_WORDS}
     * words from {@code portBlock(port)}), its relay coil and its plug input.
     */
    public static PortReading port(String pileId, int port, Instant at, List<Integer> block, boolean relay, boolean plugged) {
        OcppStatus state;
        try {
            state = OcppStatus.ofPile(PortState.ofCode(block.get(PORT_STATE)));
        } catch (IllegalArgumentException unknown) {
            state = OcppStatus.FAULTED;
        }
        CutReason cut;
        try {
            cut = CutReason.ofCode(block.get(PORT_CUT_REASON));
        } catch (IllegalArgumentException unknown) {
            cut = CutReason.NONE;
        }
        double volts = block.get(PORT_VOLTAGE) / 10.0;
        double amps = block.get(PORT_CURRENT) / 100.0;
        double watts = block.get(PORT_POWER);
        long energy = (long) DataType.U32.decode(block, PORT_ENERGY, WordOrder.HIGH_FIRST);
        return new PortReading(pileId, port, at, state, volts, amps, watts, energy, relay, plugged, cut);
    }
}
