package org.anju.firmware.pile;

import org.anju.protocol.pile.PileRegisterMap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.anju.protocol.modbus.RegisterSpec;
import org.junit.jupiter.api.Test;

/** The protocol document's pile register table is PileRegisterMap, row for row, so the two cannot drift. */
class PileRegisterMapDocTest {

    static String table() {
        List<String> rows = new ArrayList<>();
        rows.add("| name | table | address | type | scale | unit | meaning |");
        rows.add("|---|---|---|---|---|---|---|");
        for (RegisterSpec s : PileRegisterMap.pileWide()) {
            rows.add(row(s, String.format(Locale.ROOT, "0x%04X", s.address())));
        }
        for (RegisterSpec s : PileRegisterMap.port(1)) {
            int base = s.table().isBit() ? s.address() : s.address() - PileRegisterMap.portBlock(1);
            String where = s.table().isBit()
                    ? String.format(Locale.ROOT, "0x%04X + (p-1)", s.address())
                    : String.format(Locale.ROOT, "0x%04X + 16(p-1) + %d", PileRegisterMap.IR_PORT_BASE, base);
            rows.add(row(s, where).replaceFirst("\\| " + s.name(), "| port p " + s.name()));
        }
        return String.join("\n", rows);
    }

    private static String row(RegisterSpec s, String address) {
        String scale = s.scale() == 1 ? "1" : String.valueOf(s.scale());
        return "| " + s.name() + " | " + s.table().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " | " + address
                + " | " + s.type() + " | " + scale + " | " + s.unit() + " | " + s.meaning() + " |";
    }

    @Test
    void protocolDocumentCarriesTheRegisterMapOfTheCode() throws Exception {
        String doc = Files.readString(Path.of("../PROTOCOLS.md"));
        assertThat(doc).as("PROTOCOLS.md must contain this table exactly:%n%s", table()).contains(table());
    }
}
