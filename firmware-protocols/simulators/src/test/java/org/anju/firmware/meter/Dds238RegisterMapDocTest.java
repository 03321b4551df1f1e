package org.anju.firmware.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.WordOrder;
import org.junit.jupiter.api.Test;

/** The DDS238-2 sockets of a shed: their map is the protocol document's, and what they answer is their physics. */
class Dds238RegisterMapDocTest {

    @Test
    void protocolDocumentCarriesTheSecondMetersMapOfTheCode() throws Exception {
        String doc = Files.readString(Path.of("../PROTOCOLS.md"));
        String table = MeterRegisterMapDocTest.table(Dds238RegisterMap.registers());
        assertThat(doc).as("PROTOCOLS.md must contain this table exactly:%n%s", table).contains(table);
    }

    @Test
    void aReadingComesOutAsScaledIntegersWithSignedPowerAndACountOfHundredthsOfAKilowattHour() {
        MeterReading r = new MeterReading(229.84, 3.213, -288.4, -20.2, 0.9964, 50.0, 1_234_567.0, 0);
        List<Integer> words = Dds238RegisterMap.read(0, Dds238RegisterMap.WORDS, r).orElseThrow();
        assertThat(DataType.U32.decode(words, Dds238RegisterMap.ENERGY, WordOrder.HIGH_FIRST)).isEqualTo(123_456.0);
        assertThat(words.subList(Dds238RegisterMap.VOLTAGE, Dds238RegisterMap.FREQUENCY + 1))
                .containsExactly(2298, 321, 0xFEE0, 0xFFEC, 996, 5000);
        assertThat(Dds238RegisterMap.read(0x0010, 3, r)).as("past the block").isEmpty();
    }
}
