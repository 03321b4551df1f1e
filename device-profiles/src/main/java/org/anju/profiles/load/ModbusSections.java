package org.anju.profiles.load;

import static org.anju.profiles.load.Types.READ_FUNCTION;
import static org.anju.profiles.load.Types.REGISTER_ADDRESS;
import static org.anju.profiles.load.Types.TEXT;
import static org.anju.profiles.load.Types.choice;
import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.map;
import static org.anju.profiles.load.Types.number;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.ModbusTables;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRole;
import org.anju.profiles.model.RepeatedRegister;
import org.anju.profiles.schema.ScalarType;
import org.anju.profiles.schema.Scalars;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.ModbusLimits;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * Modbus register maps as profiles write them: a register by its read function code, address,
 * data type, word order, scale and unit; per-port registers with the stride from one port to the
 * next; the reads one poll sends; and, for an energy meter, the defaults its whole map is read
 * with, so that the function code (03 or 04, which real units differ in) is written once.
 */
final class ModbusSections {

    private static final String FUNCTION_MEANING =
            "the function that reads it: 1 coils, 2 discrete inputs, 3 holding registers, 4 input registers";
    private static final String TYPE_MEANING = "how the raw words read: 16 or 32 bits, signed or not, or IEEE float";
    private static final String ORDER_MEANING = "which word of a 32-bit value comes first";
    private static final String FROM_DEFAULTS = "registerDefaults'";

    private static final String ADDRESS_MEANING = "address on the wire, from 0; hex welcome (0x2000)";
    private static final String SCALE_MEANING = "physical value = raw value x scale";
    private static final ScalarType SCALE = number(0.000001, 1000000);

    static final Section REGISTER = Section.named("Modbus register", "Where one value lives and how to turn its raw words into a physical value.")
            .required("function", READ_FUNCTION, "", FUNCTION_MEANING)
            .required("address", REGISTER_ADDRESS, "", ADDRESS_MEANING)
            .optional("type", choice(DataType.class), "", "u16", TYPE_MEANING)
            .optional("order", choice(WordOrder.class), "", "high-first", ORDER_MEANING)
            .optional("scale", SCALE, "", "1", SCALE_MEANING)
            .optionalWithout("unit", TEXT, "", "none", "unit of the scaled value: V, A, W, Wh, degC, s, min, Hz, var")
            .optionalWithout("meaning", TEXT, "", "the role's", "what the value is, for people")
            .build();

    static final Section REPEATED_REGISTER = Section.named("Modbus register per port", "A register every port (or relay channel) has; the keys are those of a Modbus register, plus stride.")
            .include(REGISTER)
            .required("stride", integer(1, 0x1000), "", "address step from one port (or channel) to the next; address is port 1's")
            .build();

    static final Section READ = Section.named("Modbus read", "One read request of every poll.")
            .required("function", READ_FUNCTION, "", "1 coils, 2 discrete inputs, 3 holding registers, 4 input registers")
            .required("address", REGISTER_ADDRESS, "", "first address read")
            .required("count", integer(1, ModbusLimits.MAX_READ_BITS), "",
                    "how many registers (or bits) to read: at most " + ModbusLimits.MAX_READ_REGISTERS
                            + " registers or " + ModbusLimits.MAX_READ_BITS + " bits")
            .build();

    /** A meter's values are registers: read with 03 or 04, never as bits. */
    static final ScalarType REGISTER_FUNCTION = new ScalarType.IntegerChoiceType(List.of(3, 4),
            "a function that reads registers (3 holding, 4 input)");

    static final Section DEFAULTS = Section.named("Modbus register defaults",
                    "How the registers and reads of a meter's map are read where they do not say: written once, so a unit that "
                            + "answers only function 03 (or only 04) differs from its profile by one line.")
            .optionalWithout("function", REGISTER_FUNCTION, "", "none: each register and read says", "3 holding registers, 4 input registers")
            .optional("type", choice(DataType.class), "", "u16", TYPE_MEANING)
            .optional("order", choice(WordOrder.class), "", "high-first", ORDER_MEANING)
            .build();

    static final Section METER_REGISTER = Section.named("energy-meter register",
                    "A meter's register: the keys of a Modbus register; function, type and order default to the profile's registerDefaults.")
            .optionalWithout("function", REGISTER_FUNCTION, "", FROM_DEFAULTS, "3 holding registers, 4 input registers")
            .required("address", REGISTER_ADDRESS, "", ADDRESS_MEANING)
            .optionalWithout("type", choice(DataType.class), "", FROM_DEFAULTS, TYPE_MEANING)
            .optionalWithout("order", choice(WordOrder.class), "", FROM_DEFAULTS, ORDER_MEANING)
            .optional("scale", SCALE, "", "1", SCALE_MEANING + "; a meter in kW, kvar or kWh takes 1000")
            .optionalWithout("unit", TEXT, "", "none", "unit of the scaled value: V, A, W, Wh, Hz, var")
            .optionalWithout("meaning", TEXT, "", "the role's", "what the value is, for people")
            .build();

    static final Section METER_READ = Section.named("energy-meter read", "One read request of every poll; the function defaults to the profile's registerDefaults.")
            .optionalWithout("function", REGISTER_FUNCTION, "", FROM_DEFAULTS, "3 holding registers, 4 input registers")
            .required("address", REGISTER_ADDRESS, "", "first address read")
            .required("count", integer(1, ModbusLimits.MAX_READ_BITS), "",
                    "how many registers to read: at most " + ModbusLimits.MAX_READ_REGISTERS)
            .build();

    /**
     * What a map's registers and reads take where they leave a key out; {@link #NONE} for maps that
     * always say, {@link #BROKEN} when the defaults themselves are wrong (already reported, so what
     * would have taken them is not reported again).
     */
    record Defaults(Integer function, DataType type, WordOrder order, boolean broken) {
        static final Defaults NONE = new Defaults(null, DataType.U16, WordOrder.HIGH_FIRST, false);
        static final Defaults BROKEN = new Defaults(null, DataType.U16, WordOrder.HIGH_FIRST, true);

        static Optional<Defaults> read(SectionReader m) {
            return m.failed() ? Optional.empty()
                    : Optional.of(m.remember(new Defaults(m.integer("function"), m.choice("type", DataType.class),
                            m.choice("order", WordOrder.class), false)));
        }

        /** The function a register or read takes, or empty (with the problem reported unless the defaults are broken). */
        Optional<Integer> function(SectionReader m, String what) {
            Optional<Integer> own = m.optional("function", Integer.class);
            if (own.isPresent() || function != null) {
                return Optional.of(own.orElse(function));
            }
            if (broken) {
                m.failQuietly();
            } else {
                m.reject("function", what + ", and there are no registerDefaults",
                        "write function: 3 or 4 here, or once for the whole map: registerDefaults: {function: 4}");
            }
            return Optional.empty();
        }
    }

    private ModbusSections() {
    }

    /** A section whose keys are the roles of a register map, each a register mapping. */
    static Section roles(String name, String summary, List<RegisterRole> roles, Section item) {
        Section.Builder b = Section.named(name, summary);
        for (RegisterRole role : roles) {
            if (role.required()) {
                b.required(role.key(), map(item), "", role.meaning());
            } else {
                b.optionalWithout(role.key(), map(item), "", "none", role.meaning());
            }
        }
        return b.build();
    }

    /** The registers of a role section; a register that does not bind is left out (its problem is reported). */
    static Map<String, RegisterSpec> registers(SectionReader r, List<RegisterRole> roles) {
        return registers(r, roles, REGISTER, Defaults.NONE);
    }

    static Map<String, RegisterSpec> registers(SectionReader r, List<RegisterRole> roles, Section item, Defaults defaults) {
        Map<String, RegisterSpec> specs = new LinkedHashMap<>();
        for (RegisterRole role : roles) {
            if (r.has(role.key())) {
                r.child(role.key(), item, m -> register(role, m, defaults)).ifPresent(s -> specs.put(role.key(), s));
            }
        }
        return specs;
    }

    static Map<String, RepeatedRegister> repeated(SectionReader r, List<RegisterRole> roles) {
        Map<String, RepeatedRegister> specs = new LinkedHashMap<>();
        for (RegisterRole role : roles) {
            if (r.has(role.key())) {
                r.child(role.key(), REPEATED_REGISTER, m -> register(role, m, Defaults.NONE)
                        .map(spec -> m.remember(new RepeatedRegister(spec, m.integer("stride")))))
                        .ifPresent(s -> specs.put(role.key(), s));
            }
        }
        return specs;
    }

    private static Optional<RegisterSpec> register(RegisterRole role, SectionReader m, Defaults defaults) {
        if (m.failed()) {
            return Optional.empty();
        }
        Optional<Integer> function = defaults.function(m, role.key() + " does not say which function reads it");
        if (function.isEmpty()) {
            return Optional.empty();
        }
        RegisterTable table = ModbusTables.ofFunction(function.get());
        DataType type = m.has("type") ? m.choice("type", DataType.class) : defaults.type();
        WordOrder order = m.has("order") ? m.choice("order", WordOrder.class) : defaults.order();
        String typeName = ScalarType.ChoiceType.yamlName(type);
        int address = m.integer("address");
        if (table.isBit() && type != DataType.U16) {
            m.reject("type", "a " + ModbusTables.name(table, 1) + " holds one bit, so type " + typeName + " does not apply",
                    "remove type, or read the value from registers with function 3 or 4");
            return Optional.empty();
        }
        if (address + type.words() - 1 > ModbusLimits.MAX_ADDRESS) {
            m.reject("address", "a " + typeName + " at " + Scalars.hex(address) + " runs past address 0xFFFF",
                    "use an address of at most " + Scalars.hex(ModbusLimits.MAX_ADDRESS - type.words() + 1));
            return Optional.empty();
        }
        String meaning = m.optional("meaning", String.class).orElse(role.meaning());
        return Optional.of(m.remember(new RegisterSpec(role.key(), table, address, type, order,
                m.number("scale"), m.optional("unit", String.class).orElse(""), meaning)));
    }

    static List<RegisterRead> reads(SectionReader r) {
        return reads(r, READ, Defaults.NONE);
    }

    static List<RegisterRead> reads(SectionReader r, Section item, Defaults defaults) {
        return r.items("reads", item, m -> {
            if (m.failed()) {
                return Optional.empty();
            }
            return defaults.function(m, "this read does not say which function it sends").map(function ->
                    m.remember(new RegisterRead(ModbusTables.ofFunction(function), m.integer("address"), m.integer("count"))));
        });
    }
}
