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

/**
 * Reads {@code kind: energy-meter} profiles. A meter's map is usually one kind of value read one
 * way (the DDSU666: float32, high word first, function 03 or 04 depending on the unit), so its
 * registers and reads take function, type and order from {@code registerDefaults} unless they say.
 */
final class EnergyMeterProfiles {

    static final Section REGISTERS = ModbusSections.roles("energy-meter registers",
            "The meter's registers, by role; each is a meter register.", RegisterRoles.METER, ModbusSections.METER_REGISTER);

    static final Section SECTION = ProfileHeader.section(ProfileKind.ENERGY_METER,
                    "A single-circuit Modbus energy meter that meters one charging port; a relay-board channel switches the port.",
                    Protocols.MODBUS_RTU)
            .optionalWithout("registerDefaults", map(ModbusSections.DEFAULTS), "", "none: each register and read says",
                    "how every register and read is read unless it says otherwise: function, type, word order")
            .required("registers", map(REGISTERS), "", "the meter's registers")
            .required("reads", list(ModbusSections.METER_READ), "", "the reads of one poll; together they must cover every register")
            .build();

    private EnergyMeterProfiles() {
    }

    static Optional<EnergyMeterProfile> bind(SectionReader r) {
        ModbusSections.Defaults defaults = r.child("registerDefaults", ModbusSections.DEFAULTS, ModbusSections.Defaults::read)
                .orElse(r.has("registerDefaults") ? ModbusSections.Defaults.BROKEN : ModbusSections.Defaults.NONE);
        Map<String, RegisterSpec> registers = r.child("registers", REGISTERS,
                m -> Optional.of(ModbusSections.registers(m, RegisterRoles.METER, ModbusSections.METER_REGISTER, defaults)))
                .orElse(Map.of());
        List<RegisterRead> reads = ModbusSections.reads(r, ModbusSections.METER_READ, defaults);
        if (r.failed()) {
            return Optional.empty();
        }
        ModbusMapRules.check(new ModbusLayout(registers, RegisterRoles.METER, Map.of(), List.of(), 0, "port", reads),
                r.origins(), r.problems());
        return Optional.of(r.remember(new EnergyMeterProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), registers, reads)));
    }
}
