package org.anju.profiles.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.profiles.model.ChargingPileProfile;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterWords;

/** Decodes what a pile reports for itself (not its ports) from a poll's words, by its profile's pile-wide roles. Pure. */
public final class PileDecoder {
    private final Map<String, RegisterSpec> registers;

    private PileDecoder(ChargingPileProfile pile) {
        this.registers = pile.pileRegisters();
    }

    public static PileDecoder of(ChargingPileProfile pile) {
        return new PileDecoder(pile);
    }

    public PileValues decode(RegisterWords words) {
        List<String> unreadable = new ArrayList<>();
        return new PileValues(RegisterDecoding.optionalMeasure(registers.get("temperature"), words, unreadable),
                RegisterDecoding.optionalFlag(registers.get("smoke"), words),
                RegisterDecoding.optionalCode(registers.get("alarms"), words, unreadable), unreadable);
    }
}
