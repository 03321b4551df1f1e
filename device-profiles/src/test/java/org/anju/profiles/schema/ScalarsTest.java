package org.anju.profiles.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScalarsTest {

    @Test
    void wholeNumbersAreDecimalOrHexAndALeadingZeroIsStillDecimal() {
        assertThat(Scalars.parseInteger("0x2000")).hasValue(0x2000);
        assertThat(Scalars.parseInteger("010")).hasValue(10);
        assertThat(Scalars.parseInteger("-1")).hasValue(-1);
        assertThat(Scalars.parseInteger("1.5")).isEmpty();
        assertThat(Scalars.parseInteger("0o17")).isEmpty();
        assertThat(Scalars.parseInteger("99999999999999999999999")).isEmpty();
    }

    @Test
    void durationsCarryTheirUnit() {
        assertThat(Scalars.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(Scalars.parseDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Scalars.parseDuration("10min")).contains(Duration.ofMinutes(10));
        assertThat(Scalars.parseDuration("8h")).contains(Duration.ofHours(8));
        assertThat(Scalars.parseDuration("-1s")).contains(Duration.ofSeconds(-1));
        assertThat(Scalars.parseDuration("5")).isEmpty();
        assertThat(Scalars.parseDuration("0.0001s")).isEmpty();
    }

    @Test
    void durationsAreWrittenBackInTheLargestUnitThatDividesThem() {
        assertThat(List.of(Duration.ofHours(8), Duration.ofMinutes(90), Duration.ofSeconds(30), Duration.ofMillis(1500), Duration.ZERO))
                .extracting(Scalars::formatDuration).containsExactly("8h", "90min", "30s", "1500ms", "0s");
    }

    @Test
    void numbersAndAddressesAreWrittenAsPeopleWriteThem() {
        assertThat(Scalars.formatNumber(80.0)).isEqualTo("80");
        assertThat(Scalars.formatNumber(0.1)).isEqualTo("0.1");
        assertThat(Scalars.hex(0x2000)).isEqualTo("0x2000");
        assertThat(Scalars.hex(12)).isEqualTo("0x000C");
    }
}
