package org.anju.profiles.load;

import static org.anju.profiles.load.Types.integer;
import static org.anju.profiles.load.Types.list;
import static org.anju.profiles.load.Types.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Protocols;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRoles;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.RepeatedRegister;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.ModbusLayout;
import org.anju.profiles.validate.ModbusMapRules;
import org.anju.protocol.modbus.RegisterSpec;

/** Reads {@code kind: relay-board} profiles. */
final class RelayBoardProfiles {
    static final int MAX_CHANNELS = 64;

    static final Section CHANNEL_REGISTERS = ModbusSections.roles("relay-board channelRegisters",
            "Registers every channel has, by role; each is a Modbus register per channel.", RegisterRoles.RELAY_CHANNEL,
            ModbusSections.REPEATED_REGISTER);

    static final Section BOARD_REGISTERS = ModbusSections.roles("relay-board boardRegisters",
            "Registers of the whole board, by role; each is a Modbus register.", RegisterRoles.RELAY_BOARD_WIDE,
            ModbusSections.REGISTER);

    static final Section SECTION = ProfileHeader.section(ProfileKind.RELAY_BOARD,
                    "A Modbus relay board whose coils switch the power of ports metered by energy meters.", Protocols.MODBUS_RTU)
            .required("channels", integer(1, MAX_CHANNELS), "", "number of relay channels, counted from 1")
            .required("channelRegisters", map(CHANNEL_REGISTERS), "", "registers every channel has")
            .optionalWithout("boardRegisters", map(BOARD_REGISTERS), "", "none",
                    "registers of the whole board: the temperature of the cabinet it sits in, which the gateway watches as a pile's")
            .required("reads", list(ModbusSections.READ), "", "the reads of one poll; together they must cover every register")
            .build();

    private RelayBoardProfiles() {
    }

    static Optional<RelayBoardProfile> bind(SectionReader r) {
        Map<String, RepeatedRegister> registers = r.child("channelRegisters", CHANNEL_REGISTERS,
                m -> Optional.of(ModbusSections.repeated(m, RegisterRoles.RELAY_CHANNEL))).orElse(Map.of());
        Map<String, RegisterSpec> board = r.child("boardRegisters", BOARD_REGISTERS,
                m -> Optional.of(ModbusSections.registers(m, RegisterRoles.RELAY_BOARD_WIDE))).orElse(Map.of());
        List<RegisterRead> reads = ModbusSections.reads(r);
        if (r.failed() || !registers.containsKey("relay")) {
            return Optional.empty();
        }
        int channels = r.integer("channels");
        ModbusMapRules.check(new ModbusLayout(board, RegisterRoles.RELAY_BOARD_WIDE, registers, RegisterRoles.RELAY_CHANNEL,
                channels, "channel", reads), r.origins(), r.problems());
        return Optional.of(r.remember(new RelayBoardProfile(ProfileHeader.id(r), ProfileHeader.protocol(r),
                ProfileHeader.description(r), channels, registers.get("relay"), board, reads)));
    }
}
