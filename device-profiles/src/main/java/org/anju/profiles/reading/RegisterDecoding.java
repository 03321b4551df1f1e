package org.anju.profiles.reading;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.anju.profiles.model.ModbusTables;
import org.anju.profiles.schema.Scalars;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterWords;

/**
 * Turns the words of one register into the value its profile says it holds, by what kind of
 * value it is: a measurement (raw x scale, in the word order and type the profile gives, float32
 * included), an energy counter (which also says where it wraps), a flag or a code. Pure: no I/O,
 * no state, never throws on what a device sends.
 */
public final class RegisterDecoding {

    private RegisterDecoding() {
    }

    /** A measurement (power, voltage, temperature...): raw value x scale, as long as it is a number. */
    public static Decoded<Double> measure(RegisterSpec spec, RegisterWords words) {
        Optional<List<Integer>> w = words.wordsOf(spec);
        if (w.isEmpty()) {
            return new Decoded.NotRead<>();
        }
        double raw = spec.type().decode(w.get(), 0, spec.order());
        if (!Double.isFinite(raw)) {
            return new Decoded.Invalid<>(spec.name() + " reads " + raw + " (" + where(spec, w.get()) + "): the device sent no number");
        }
        return new Decoded.Value<>(raw * spec.scale());
    }

    /**
     * An energy counter, in the unit its scale gives (Wh for the energy role). An integer counter's
     * words are read as unsigned, whatever the profile's type says, since a counter that passes its
     * top starts again from 0; it wraps at 2^bits x scale. A float counter must be 0 or more.
     */
    public static Decoded<EnergyCounter> counter(RegisterSpec spec, RegisterWords words) {
        Optional<List<Integer>> w = words.wordsOf(spec);
        if (w.isEmpty()) {
            return new Decoded.NotRead<>();
        }
        if (spec.type() == DataType.FLOAT32) {
            double raw = spec.type().decode(w.get(), 0, spec.order());
            if (!Double.isFinite(raw) || raw < 0) {
                return new Decoded.Invalid<>(spec.name() + " reads " + raw + " (" + where(spec, w.get())
                        + "): a counter is a number of 0 or more");
            }
            return new Decoded.Value<>(new EnergyCounter(raw * spec.scale() + 0.0, Double.POSITIVE_INFINITY));
        }
        DataType unsigned = spec.type().words() == 1 ? DataType.U16 : DataType.U32;
        double raw = unsigned.decode(w.get(), 0, spec.order());
        double modulus = Math.pow(2, 16 * spec.type().words());
        return new Decoded.Value<>(new EnergyCounter(raw * spec.scale(), modulus * spec.scale()));
    }

    /** A bit, or a register read as one: anything but 0 is set. */
    public static Decoded<Boolean> flag(RegisterSpec spec, RegisterWords words) {
        Optional<List<Integer>> w = words.wordsOf(spec);
        if (w.isEmpty()) {
            return new Decoded.NotRead<>();
        }
        return new Decoded.Value<>(w.get().stream().anyMatch(x -> x != 0));
    }

    /** A code (a state, a cut reason, alarm bits): the whole number the device sent, unscaled. */
    public static Decoded<Integer> code(RegisterSpec spec, RegisterWords words) {
        Optional<List<Integer>> w = words.wordsOf(spec);
        if (w.isEmpty()) {
            return new Decoded.NotRead<>();
        }
        double raw = spec.type().decode(w.get(), 0, spec.order());
        if (raw != Math.rint(raw) || raw < Integer.MIN_VALUE || raw > Integer.MAX_VALUE) {
            return new Decoded.Invalid<>(spec.name() + " reads " + raw + " (" + where(spec, w.get()) + "): a code is a whole number");
        }
        return new Decoded.Value<>((int) raw);
    }

    /** An optional measurement: empty when the profile maps none ({@code spec} null) or it was not read; a non-number is noted. */
    static OptionalDouble optionalMeasure(RegisterSpec spec, RegisterWords words, List<String> unreadable) {
        Decoded<Double> d = spec == null ? new Decoded.NotRead<>() : measure(spec, words);
        if (d instanceof Decoded.Invalid<Double> bad) {
            unreadable.add(bad.reason());
        }
        return d instanceof Decoded.Value<Double> v ? OptionalDouble.of(v.value()) : OptionalDouble.empty();
    }

    static Optional<Boolean> optionalFlag(RegisterSpec spec, RegisterWords words) {
        return spec != null && flag(spec, words) instanceof Decoded.Value<Boolean> v ? Optional.of(v.value()) : Optional.empty();
    }

    static OptionalInt optionalCode(RegisterSpec spec, RegisterWords words, List<String> unreadable) {
        Decoded<Integer> d = spec == null ? new Decoded.NotRead<>() : code(spec, words);
        if (d instanceof Decoded.Invalid<Integer> bad) {
            unreadable.add(bad.reason());
        }
        return d instanceof Decoded.Value<Integer> v ? OptionalInt.of(v.value()) : OptionalInt.empty();
    }

    /** "input register 0x2004 = 7FC0 0000", for a person who looks at the wire. */
    static String where(RegisterSpec spec, List<Integer> words) {
        return ModbusTables.name(spec.table(), 1) + " " + Scalars.hex(spec.address()) + " = "
                + words.stream().map(x -> HexFormat.of().withUpperCase().toHexDigits(x.shortValue())).collect(Collectors.joining(" "));
    }
}
