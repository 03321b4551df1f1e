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
 * next; and the reads one poll sends.
 */
final class ModbusSections {

    static final Section REGISTER = Section.named("Modbus register", "Where one value lives and how to turn its raw words into a physical value.")
            .required("function", READ_FUNCTION, "",
                    "the function that reads it: 1 coils, 2 discrete inputs, 3 holding registers, 4 input registers")
            .required("address", REGISTER_ADDRESS, "", "address on the wire, from 0; hex welcome (0x2000)")
            .optional("type", choice(DataType.class), "", "u16", "how the raw words read: 16 or 32 bits, signed or not, or IEEE float")
            .optional("order", choice(WordOrder.class), "", "high-first", "which word of a 32-bit value comes first")
            .optional("scale", number(0.000001, 1000000), "", "1", "physical value = raw value x scale")
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
        Map<String, RegisterSpec> specs = new LinkedHashMap<>();
        for (RegisterRole role : roles) {
            if (r.has(role.key())) {
                r.child(role.key(), REGISTER, m -> register(role, m)).ifPresent(s -> specs.put(role.key(), s));
            }
        }
        return specs;
    }

    static Map<String, RepeatedRegister> repeated(SectionReader r, List<RegisterRole> roles) {
        Map<String, RepeatedRegister> specs = new LinkedHashMap<>();
        for (RegisterRole role : roles) {
            if (r.has(role.key())) {
                r.child(role.key(), REPEATED_REGISTER, m -> register(role, m)
                        .map(spec -> m.remember(new RepeatedRegister(spec, m.integer("stride")))))
                        .ifPresent(s -> specs.put(role.key(), s));
            }
        }
        return specs;
    }

    static Optional<RegisterSpec> register(RegisterRole role, SectionReader m) {
        if (m.failed()) {
            return Optional.empty();
        }
        RegisterTable table = ModbusTables.ofFunction(m.integer("function"));
        DataType type = m.choice("type", DataType.class);
        int address = m.integer("address");
        if (table.isBit() && type != DataType.U16) {
            m.reject("type", "a " + ModbusTables.name(table, 1) + " holds one bit, so type " + m.text("type") + " does not apply",
                    "remove type, or read the value from registers with function 3 or 4");
            return Optional.empty();
        }
        if (address + type.words() - 1 > ModbusLimits.MAX_ADDRESS) {
            m.reject("address", "a " + m.text("type") + " at " + Scalars.hex(address) + " runs past address 0xFFFF",
                    "use an address of at most " + Scalars.hex(ModbusLimits.MAX_ADDRESS - type.words() + 1));
            return Optional.empty();
        }
        String meaning = m.optional("meaning", String.class).orElse(role.meaning());
        return Optional.of(m.remember(new RegisterSpec(role.key(), table, address, type, m.choice("order", WordOrder.class),
                m.number("scale"), m.optional("unit", String.class).orElse(""), meaning)));
    }

    static List<RegisterRead> reads(SectionReader r) {
        return r.items("reads", READ, m -> m.failed() ? Optional.empty()
                : Optional.of(m.remember(new RegisterRead(ModbusTables.ofFunction(m.integer("function")), m.integer("address"), m.integer("count")))));
    }

}
