package org.anju.profiles.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RegisterWords;
import org.anju.protocol.modbus.WordOrder;
import org.anju.testing.PythonPeer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Tag;

/**
 * The profile decoder against values encoded by pymodbus (python3-pymodbus's BinaryPayloadBuilder,
 * nobody here wrote it): any float32 bits and any 16- or 32-bit integer, in either word order, at
 * the scales profiles use, read back as the value times the scale; what is not a number is refused.
 */
@Tag("peer")
class PymodbusEncodingPropertiesTest {
    private static final int ADDRESS = 0x2004;
    private static PythonPeer pymodbus;

    @BeforeContainer
    static void startEncoder() throws Exception {
        pymodbus = PythonPeer.start("src/test/resources/interop/pymodbus_encode.py");
    }

    @AfterContainer
    static void stopEncoder() {
        pymodbus.close();
    }

    private static RegisterWords encoded(String request) throws Exception {
        List<Integer> words = Arrays.stream(pymodbus.ask(request).split(" ")).map(Integer::valueOf).toList();
        return RegisterWords.builder().put(RegisterTable.INPUT_REGISTER, ADDRESS, words).build();
    }

    private static String order(WordOrder order) {
        return order == WordOrder.HIGH_FIRST ? "big" : "little";
    }

    private static RegisterSpec spec(DataType type, WordOrder order, double scale) {
        return new RegisterSpec("power", RegisterTable.INPUT_REGISTER, ADDRESS, type, order, scale, "W", "");
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(1.0, 1000.0, 10.0, 0.1, 0.01, 0.001);
    }

    @Provide
    Arbitrary<DataType> integerTypes() {
        return Arbitraries.of(DataType.U16, DataType.S16, DataType.U32, DataType.S32);
    }

    @Property(tries = 1000)
    void anyFloat32PymodbusEncodesReadsBackAsThatFloatTimesTheScaleInEitherWordOrder(
            @ForAll int bits, @ForAll WordOrder order, @ForAll("scales") double scale) throws Exception {
        float value = Float.intBitsToFloat(bits);
        RegisterWords words = encoded("f32 " + order(order) + " " + String.format("%08X", bits));

        Decoded<Double> decoded = RegisterDecoding.measure(spec(DataType.FLOAT32, order, scale), words);

        if (Float.isFinite(value)) {
            assertThat(decoded).isEqualTo(new Decoded.Value<>((double) value * scale));
        } else {
            assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        }
    }

    @Property(tries = 300)
    void readWithTheOtherWordOrderAFloatWhoseWordsDifferIsAnotherNumber(@ForAll int bits, @ForAll WordOrder order) throws Exception {
        float value = Float.intBitsToFloat(bits);
        RegisterWords words = encoded("f32 " + order(order) + " " + String.format("%08X", bits));
        WordOrder other = order == WordOrder.HIGH_FIRST ? WordOrder.LOW_FIRST : WordOrder.HIGH_FIRST;
        if ((bits >>> 16) == (bits & 0xFFFF) || Float.isNaN(value)) {
            return; // the same words either way round, or no number to compare
        }
        assertThat(RegisterDecoding.measure(spec(DataType.FLOAT32, other, 1), words))
                .isNotEqualTo(new Decoded.Value<>((double) value));
    }

    @Property(tries = 1000)
    void anyIntegerPymodbusEncodesReadsBackAsItsValueTimesTheScale(@ForAll int n, @ForAll("integerTypes") DataType type,
                                                                   @ForAll WordOrder order, @ForAll("scales") double scale) throws Exception {
        long value = switch (type) {
            case U16 -> n & 0xFFFF;
            case S16 -> (short) n;
            case U32 -> Integer.toUnsignedLong(n);
            default -> n;
        };
        String kind = switch (type) {
            case U16 -> "u16 -";
            case S16 -> "i16 -";
            case U32 -> "u32 " + order(order);
            default -> "i32 " + order(order);
        };
        RegisterWords words = encoded(kind + " " + value);

        assertThat(RegisterDecoding.measure(spec(type, order, scale), words)).isEqualTo(new Decoded.Value<>(value * scale));
        // as an energy counter the same words are unsigned, and wrap where the type's bits end
        long unsigned = type.words() == 1 ? value & 0xFFFF : value & 0xFFFF_FFFFL;
        double modulus = type.words() == 1 ? 65_536.0 : 4_294_967_296.0;
        assertThat(RegisterDecoding.counter(spec(type, order, scale), words))
                .isEqualTo(new Decoded.Value<>(new EnergyCounter(unsigned * scale, modulus * scale)));
    }
}
