package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.firmware.turnstile.TurnstileRegisterMap;
import org.anju.firmware.turnstile.TurnstileSimulator;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.TurnstileProfile;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.junit.jupiter.api.Test;

/**
 * The shipped turnstile profile is the reference turnstile's map, and the relay-board profiles a
 * lift board uses are the relay board simulator's: a change on one side that the other does not
 * follow fails here.
 */
class ReferenceTurnstileProfileTest {

    record Wire(RegisterTable table, int address, String type) {
        static Wire of(RegisterSpec s) {
            return new Wire(s.table(), s.address(), s.type().name());
        }
    }

    @Test
    void theReferenceTurnstileProfileReadsAndWritesTheSimulatorsRegisters() {
        TurnstileProfile profile = ProfileCatalog.shipped().catalog().find("anju-ref-turnstile", TurnstileProfile.class).orElseThrow();
        Map<String, Wire> firmware = TurnstileRegisterMap.registers().stream()
                .collect(Collectors.toMap(RegisterSpec::name, Wire::of));
        profile.registers().forEach((role, spec) -> assertThat(Wire.of(spec)).as(role).isEqualTo(firmware.get(role)));
        assertThat(profile.registers()).containsOnlyKeys("openEntry", "openExit", "free", "entries", "exits");
        assertThat(profile.passageWindow()).isEqualTo(TurnstileSimulator.DEFAULT_WINDOW);
        // every read stays inside the simulator's map (it answers anything else with exception 02)
        assertThat(profile.reads()).allSatisfy(r -> assertThat(r.lastAddress()).isLessThan(
                r.table() == RegisterTable.COIL ? TurnstileRegisterMap.COILS : TurnstileRegisterMap.INPUT_REGISTERS));
    }

    @Test
    void aLiftBoardsProfilesAreTheRelayBoardSimulatorsCoils() {
        for (String id : List.of("modbus-relay-8", "modbus-relay-16")) {
            RelayBoardProfile board = ProfileCatalog.shipped().catalog().find(id, RelayBoardProfile.class).orElseThrow();
            for (int channel = 1; channel <= board.channels(); channel++) {
                assertThat(board.relayOf(channel).table()).isEqualTo(RegisterTable.COIL);
                assertThat(board.relayOf(channel).address()).isEqualTo(RelayBoardSimulator.COIL_BASE + channel - 1);
            }
            assertThat(board.channels()).isLessThanOrEqualTo(RelayBoardSimulator.MAX_CHANNELS);
        }
        assertThat(Duration.ofSeconds(10)).isEqualTo(TurnstileSimulator.DEFAULT_WINDOW);
    }
}
