package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class TopicsTest {
    private final Topics gw = new Topics("huaqiao-p1", "gw-b07");

    @Test
    void theLayoutIsTheDocumentedOne() {
        assertThat(gw.events()).isEqualTo("anju/v1/huaqiao-p1/gw-b07/events");
        assertThat(gw.telemetry()).isEqualTo("anju/v1/huaqiao-p1/gw-b07/telemetry");
        assertThat(gw.state()).isEqualTo("anju/v1/huaqiao-p1/gw-b07/state");
        assertThat(gw.commands()).isEqualTo("anju/v1/huaqiao-p1/gw-b07/cmd");
        assertThat(gw.replies()).isEqualTo("anju/v1/huaqiao-p1/gw-b07/cmd/reply");
        assertThat(Topics.everyGateway("huaqiao-p1", Topics.Stream.EVENTS)).isEqualTo("anju/v1/huaqiao-p1/+/events");
        assertThat(Priority.ALARM.stream()).isEqualTo(Topics.Stream.EVENTS);
        assertThat(Priority.TELEMETRY.stream()).isEqualTo(Topics.Stream.TELEMETRY);
    }

    @Test
    void topicsParseBackAndOthersDoNot() {
        for (Topics.Stream s : Topics.Stream.values()) {
            assertThat(Topics.parse(gw.topic(s))).contains(new Topics.Address("huaqiao-p1", "gw-b07", s));
        }
        assertThat(Topics.parse("anju/v2/p/g/events")).isEmpty();
        assertThat(Topics.parse("anju/v1/p/g/cmd/other")).isEmpty();
        assertThat(Topics.parse("anju/v1/p/+/events")).isEmpty();
        assertThat(Topics.parse(null)).isEmpty();
    }

    @Test
    void identifiersThatWouldBreakATopicAreRefused() {
        for (String bad : new String[] {"", "a/b", "+", "#", "-lead", "a b", "x".repeat(65), null}) {
            assertThatThrownBy(() -> new Topics("p", bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 2000)
    void theHandWrittenTypeCheckAgreesWithItsPattern(@ForAll("typeLike") String candidate) {
        assertThat(Contract.isType(candidate)).as(candidate)
                .isEqualTo(java.util.regex.Pattern.matches(Contract.TYPE_PATTERN, candidate));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> typeLike() {
        return net.jqwik.api.Arbitraries.oneOf(
                net.jqwik.api.Arbitraries.strings().withChars("az09_.A-").ofMaxLength(40),
                net.jqwik.api.Arbitraries.strings().withChars("abz_9.").ofMinLength(28).ofMaxLength(140),
                net.jqwik.api.Arbitraries.strings());
    }

    @Property(tries = 300)
    void parsingNeverThrows(@ForAll String topic) {
        assertThat(Topics.parse(topic)).isNotNull();
        assertThat(Topics.parse("anju/v1/" + topic)).isNotNull();
    }
}
