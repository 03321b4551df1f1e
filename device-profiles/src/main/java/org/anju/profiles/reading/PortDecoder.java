package org.anju.profiles.reading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.model.RepeatedRegister;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterWords;

/**
 * Decodes one charging port from a poll's words by the roles its profile gives: an energy
 * meter's registers (a socket) or one port's registers of a pile. The same decoding for both, so
 * the rules see a port whatever it is built from. Pure: built once per port, used for every poll.
 */
public final class PortDecoder {
    private final Map<String, RegisterSpec> registers;

    private PortDecoder(Map<String, RegisterSpec> registers) {
        this.registers = Map.copyOf(registers);
    }

    /** The socket an energy meter meters. */
    public static PortDecoder of(EnergyMeterProfile meter) {
        return new PortDecoder(meter.registers());
    }

    /** Port {@code port} (from 1) of a pile. */
    public static PortDecoder of(ChargingPileProfile pile, int port) {
        if (port < 1 || port > pile.ports()) {
            throw new IllegalArgumentException(pile.id() + " has ports 1-" + pile.ports() + ", not " + port);
        }
        Map<String, RegisterSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, RepeatedRegister> e : pile.portRegisters().entrySet()) {
            specs.put(e.getKey(), e.getValue().at(port));
        }
        return new PortDecoder(specs);
    }

    public PortDecoding decode(RegisterWords words) {
        Decoded<Double> power = RegisterDecoding.measure(registers.get("power"), words);
        Decoded<EnergyCounter> energy = RegisterDecoding.counter(registers.get("energy"), words);
        if (power instanceof Decoded.Invalid<Double> bad) {
            return new PortDecoding.Invalid("power", bad.reason());
        }
        if (energy instanceof Decoded.Invalid<EnergyCounter> bad) {
            return new PortDecoding.Invalid("energy", bad.reason());
        }
        List<String> notRead = new ArrayList<>();
        if (power instanceof Decoded.NotRead<Double>) {
            notRead.add("power");
        }
        if (energy instanceof Decoded.NotRead<EnergyCounter>) {
            notRead.add("energy");
        }
        if (!notRead.isEmpty()) {
            return new PortDecoding.NotRead(notRead);
        }
        List<String> unreadable = new ArrayList<>();
        return new PortDecoding.Read(new PortValues(((Decoded.Value<Double>) power).value(),
                ((Decoded.Value<EnergyCounter>) energy).value(),
                measure("voltage", words, unreadable), measure("current", words, unreadable),
                measure("reactivePower", words, unreadable), measure("powerFactor", words, unreadable),
                measure("frequency", words, unreadable),
                RegisterDecoding.optionalFlag(registers.get("relay"), words),
                RegisterDecoding.optionalFlag(registers.get("plugged"), words),
                RegisterDecoding.optionalCode(registers.get("state"), words, unreadable),
                RegisterDecoding.optionalCode(registers.get("cutReason"), words, unreadable), unreadable));
    }

    private OptionalDouble measure(String role, RegisterWords words, List<String> unreadable) {
        return RegisterDecoding.optionalMeasure(registers.get(role), words, unreadable);
    }
}
