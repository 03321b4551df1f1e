package org.anju.firmware.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.protocol.modbus.RegisterSpec;
import org.junit.jupiter.api.Test;

/**
 * The protocol document's meter, relay-board, lift-board and turnstile tables are the code's, row for
 * row, so they cannot drift.
 */
class MeterRegisterMapDocTest {

    static String table(List<RegisterSpec> specs) {
        List<String> rows = new ArrayList<>();
        rows.add("| name | table | address | type | scale | unit | meaning |");
        rows.add("|---|---|---|---|---|---|---|");
        for (RegisterSpec s : specs) {
            String scale = s.scale() == 1 ? "1" : String.valueOf(s.scale());
            rows.add("| " + s.name() + " | " + s.table().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " | "
                    + String.format(Locale.ROOT, "0x%04X", s.address()) + " | " + s.type() + " | " + scale + " | " + s.unit()
                    + " | " + s.meaning() + " |");
        }
        return String.join("\n", rows);
    }

    @Test
    void protocolDocumentCarriesTheMapsOfTheCode() throws Exception {
        String doc = Files.readString(Path.of("../PROTOCOLS.md"));
        String meter = table(MeterRegisterMap.registers());
        String relays = table(RelayBoardSimulator.registers());
        assertThat(doc).as("PROTOCOLS.md must contain this table exactly:%n%s", meter).contains(meter);
        assertThat(doc).as("PROTOCOLS.md must contain this table exactly:%n%s", relays).contains(relays);
        String lift = table(org.anju.firmware.lift.LiftCar.registers());
        String turnstile = table(org.anju.firmware.turnstile.TurnstileRegisterMap.registers());
        assertThat(doc).as("PROTOCOLS.md must contain this table exactly:%n%s", lift).contains(lift);
        assertThat(doc).as("PROTOCOLS.md must contain this table exactly:%n%s", turnstile).contains(turnstile);
    }
}
