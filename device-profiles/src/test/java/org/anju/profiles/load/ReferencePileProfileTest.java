package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.FirmwareLimits;
import org.anju.profiles.model.RegisterRead;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped profiles of the reference pile are held to the simulator's own register map and
 * firmware limits: a change on either side that the other does not follow fails here.
 */
class ReferencePileProfileTest {

    static Stream<ChargingPileProfile> referencePiles() {
        List<ChargingPileProfile> piles = ProfileCatalog.shipped().catalog().all().stream()
                .filter(p -> p.id().startsWith("anju-ref-pile-")).map(ChargingPileProfile.class::cast).toList();
        assertThat(piles).extracting(ChargingPileProfile::id).contains("anju-ref-pile-10", "anju-ref-pile-12", "anju-ref-pile-16");
        return piles.stream();
    }

    /** A register without its meaning: the words may differ, where and how the value is read may not. */
    record Wire(String name, RegisterTable table, int address, String type, String order, double scale, String unit) {
        static Wire of(RegisterSpec s) {
            return new Wire(s.name(), s.table(), s.address(), s.type().name(), s.order().name(), s.scale(), s.unit());
        }
    }

    private static Map<String, Wire> byName(List<RegisterSpec> specs) {
        return specs.stream().map(Wire::of).collect(Collectors.toMap(Wire::name, Function.identity()));
    }

    @ParameterizedTest
    @MethodSource("referencePiles")
    void everyPortHasExactlyTheSimulatorsRegisters(ChargingPileProfile pile) {
        assertThat(pile.ports()).isBetween(1, PileRegisterMap.MAX_PORTS);
        for (int port = 1; port <= pile.ports(); port++) {
            assertThat(byName(pile.registersOfPort(port))).as("port %d of %s", port, pile.id())
                    .isEqualTo(byName(PileRegisterMap.port(port)));
        }
    }

    @ParameterizedTest
    @MethodSource("referencePiles")
    void thePileWideRegistersAreTheSimulators(ChargingPileProfile pile) {
        assertThat(byName(List.copyOf(pile.pileRegisters().values()))).isEqualTo(byName(PileRegisterMap.pileWide()));
    }

    @ParameterizedTest
    @MethodSource("referencePiles")
    void theFirmwareLimitsAreTheFirmwaresDefaults(ChargingPileProfile pile) {
        assertThat(pile.firmwareLimits()).isEqualTo(FirmwareLimits.of(PileLimits.DEFAULTS));
    }

    /**
     * The firmware answers a read that touches an address outside its map with an exception, so
     * every read of a poll must stay inside: these are the simulator's rules, from PileRegisterMap.
     */
    @ParameterizedTest
    @MethodSource("referencePiles")
    void everyReadStaysInsideTheFirmwaresMap(ChargingPileProfile pile) {
        int ports = pile.ports();
        for (RegisterRead read : pile.reads()) {
            for (int a = read.address(); a <= read.lastAddress(); a++) {
                boolean inside = switch (read.table()) {
                    case COIL -> a < ports;
                    case DISCRETE_INPUT -> a == PileRegisterMap.DI_SMOKE || a == PileRegisterMap.DI_OVER_TEMPERATURE
                            || (a >= PileRegisterMap.DI_PLUG_BASE && a < PileRegisterMap.DI_PLUG_BASE + ports);
                    case INPUT_REGISTER -> a < PileRegisterMap.IR_PILE_WIDE_COUNT || (a >= PileRegisterMap.IR_PORT_BASE
                            && a < PileRegisterMap.IR_PORT_BASE + PileRegisterMap.IR_PORT_STRIDE * ports);
                    case HOLDING_REGISTER -> a < PileRegisterMap.HR_COUNT;
                };
                assertThat(inside).as("%s reads %s %d, outside the firmware's map", pile.id(), read.table(), a).isTrue();
            }
        }
    }
}
