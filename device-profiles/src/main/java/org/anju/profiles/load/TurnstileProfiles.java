package org.anju.profiles.load;

import static org.anju.profiles.load.Types.duration;
import static org.anju.profiles.load.Types.list;
import static org.anju.profiles.load.Types.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRoles;
import org.anju.profiles.model.TurnstileProfile;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.ModbusLayout;
import org.anju.profiles.validate.ModbusMapRules;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;

/** Reads {@code kind: turnstile} profiles. */
final class TurnstileProfiles {

    static final Section REGISTERS = ModbusSections.roles("turnstile registers",
            "The lane's registers, by role; each is a Modbus register.", RegisterRoles.TURNSTILE, ModbusSections.REGISTER);

    static final Section SECTION = ProfileHeader.section(ProfileKind.TURNSTILE,
                    "A turnstile lane (tripod, swing gate, flap barrier) on Modbus RTU: open and free coils, passage counters.",
                    Protocols.MODBUS_RTU)
            .required("registers", map(REGISTERS), "", "the lane's registers")
            .required("reads", list(ModbusSections.READ), "", "the reads of one poll; together they must cover every register (the coils are read back to confirm them)")
            .optional("passageWindow", duration("1s", "255s"), "", "10s",
                    "how long an open waits for its person, as set in the lane; the gateway waits as long before it counts the open unused")
            .build();

    private TurnstileProfiles() {
    }

    static Optional<TurnstileProfile> bind(SectionReader r) {
        Map<String, RegisterSpec> registers = r.child("registers", REGISTERS,
                m -> Optional.of(ModbusSections.registers(m, RegisterRoles.TURNSTILE))).orElse(Map.of());
        List<RegisterRead> reads = ModbusSections.reads(r);
        if (r.failed()) {
            return Optional.empty();
        }
        for (String counter : List.of("entries", "exits")) {
            RegisterSpec spec = registers.get(counter);
            if (spec != null && spec.type() != DataType.U16) {
                r.complain(r.origins().at(spec, "type"), counter + " is a 16-bit counter that wraps at 65536, not "
                        + org.anju.profiles.schema.ScalarType.ChoiceType.yamlName(spec.type()),
                        "remove type: a turnstile's counters are u16");
            }
        }
        ModbusMapRules.check(new ModbusLayout(registers, RegisterRoles.TURNSTILE, Map.of(), List.of(), 0, "lane", reads),
                r.origins(), r.problems());
        return Optional.of(r.remember(new TurnstileProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), registers, reads, r.duration("passageWindow"))));
    }
}
