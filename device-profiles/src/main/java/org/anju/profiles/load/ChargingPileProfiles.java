package org.anju.profiles.load;

import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.list;
import static org.anju.profiles.load.Types.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.FirmwareLimits;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRoles;
import org.anju.profiles.model.RepeatedRegister;
import org.anju.profiles.model.SafetyLimitSettings;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.ModbusLayout;
import org.anju.profiles.validate.ModbusMapRules;
import org.anju.profiles.validate.PileLimitRules;
import org.anju.protocol.modbus.RegisterSpec;

/** Reads {@code kind: charging-pile} profiles. */
final class ChargingPileProfiles {
    static final int MAX_PORTS = 64;

    static final Section PORT_REGISTERS = ModbusSections.roles("charging-pile portRegisters",
            "Registers every port has, by role; each is a Modbus register per port.", RegisterRoles.PILE_PORT,
            ModbusSections.REPEATED_REGISTER);

    static final Section PILE_REGISTERS = ModbusSections.roles("charging-pile pileRegisters",
            "Registers of the whole pile, by role; each is a Modbus register.", RegisterRoles.PILE_WIDE, ModbusSections.REGISTER);

    static final Section SECTION = ProfileHeader.section(ProfileKind.CHARGING_PILE,
                    "A charging pile with its own relays and metering, on Modbus RTU.", Protocols.MODBUS_RTU)
            .required("ports", integer(1, MAX_PORTS), "", "number of charging ports, counted from 1")
            .required("portRegisters", map(PORT_REGISTERS), "", "registers every port has")
            .optionalWithout("pileRegisters", map(PILE_REGISTERS), "", "none", "registers of the whole pile")
            .required("reads", list(ModbusSections.READ), "", "the reads of one poll; together they must cover every register")
            .required("firmwareLimits", map(LimitSections.FIRMWARE), "", "the firmware's own limits")
            .required("safetyLimits", map(LimitSections.SAFETY), "", "the limits the gateway enforces on top")
            .build();

    private ChargingPileProfiles() {
    }

    static Optional<ChargingPileProfile> bind(SectionReader r) {
        Map<String, RepeatedRegister> ports = r.child("portRegisters", PORT_REGISTERS,
                m -> Optional.of(ModbusSections.repeated(m, RegisterRoles.PILE_PORT))).orElse(Map.of());
        Map<String, RegisterSpec> pile = r.child("pileRegisters", PILE_REGISTERS,
                m -> Optional.of(ModbusSections.registers(m, RegisterRoles.PILE_WIDE))).orElse(Map.of());
        List<RegisterRead> reads = ModbusSections.reads(r);
        Optional<FirmwareLimits> firmware = r.child("firmwareLimits", LimitSections.FIRMWARE, LimitSections::firmware);
        Optional<SafetyLimitSettings> safety = r.child("safetyLimits", LimitSections.SAFETY, LimitSections::safety);
        if (firmware.isPresent() && safety.isPresent()) {
            PileLimitRules.check(firmware.get(), safety.get(), r.origins(), r.problems());
        }
        if (r.failed()) {
            return Optional.empty();
        }
        int portCount = r.integer("ports");
        ModbusMapRules.check(new ModbusLayout(pile, RegisterRoles.PILE_WIDE, ports, RegisterRoles.PILE_PORT, portCount, "port", reads),
                r.origins(), r.problems());
        return Optional.of(r.remember(new ChargingPileProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), portCount, ports, pile, reads, firmware.get(), safety.get())));
    }
}
