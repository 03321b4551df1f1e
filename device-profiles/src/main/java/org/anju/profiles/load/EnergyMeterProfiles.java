package org.anju.profiles.load;

import static org.anju.profiles.load.Types.list;
import static org.anju.profiles.load.Types.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRoles;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.ModbusLayout;
import org.anju.profiles.validate.ModbusMapRules;
import org.anju.protocol.modbus.RegisterSpec;

/** Reads {@code kind: energy-meter} profiles. */
final class EnergyMeterProfiles {

    static final Section REGISTERS = ModbusSections.roles("energy-meter registers",
            "The meter's registers, by role; each is a Modbus register.", RegisterRoles.METER, ModbusSections.REGISTER);

    static final Section SECTION = ProfileHeader.section(ProfileKind.ENERGY_METER,
                    "A single-circuit Modbus energy meter that meters one charging port; a relay-board channel switches the port.",
                    Protocols.MODBUS_RTU)
            .required("registers", map(REGISTERS), "", "the meter's registers")
            .required("reads", list(ModbusSections.READ), "", "the reads of one poll; together they must cover every register")
            .build();

    private EnergyMeterProfiles() {
    }

    static Optional<EnergyMeterProfile> bind(SectionReader r) {
        Map<String, RegisterSpec> registers = r.child("registers", REGISTERS,
                m -> Optional.of(ModbusSections.registers(m, RegisterRoles.METER))).orElse(Map.of());
        List<RegisterRead> reads = ModbusSections.reads(r);
        if (r.failed()) {
            return Optional.empty();
        }
        ModbusMapRules.check(new ModbusLayout(registers, RegisterRoles.METER, Map.of(), List.of(), 0, "port", reads),
                r.origins(), r.problems());
        return Optional.of(r.remember(new EnergyMeterProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), registers, reads)));
    }
}
