package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The uplink's payload check holds to Jackson's strict reading (duplicate keys refused) on
 * arbitrary text and on valid JSON with random damage, and refuses what has no UTF-8 form.
 */
class JsonTextTest {
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
            .build();

    /** Jackson's answer: exactly one object, nothing after it. */
    static boolean jackson(String text) {
        try (JsonParser p = STRICT.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void agrees(String text) {
        boolean expected = jackson(text) && !hasLoneSurrogate(text);
        assertThat(JsonText.isObject(text)).as("%s", text).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void agreesWithJacksonOnAnyText(@ForAll String text) {
        agrees(text);
        agrees("{\"k\":" + text + "}");
        agrees("{" + text + "}");
    }

    @Property(tries = 5000)
    void agreesWithJacksonOnDamagedJson(@ForAll("damaged") String text) {
        agrees(text);
    }

    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<String> valid = Arbitraries.of(
                "{\"door\":\"entrance-1\",\"result\":\"granted\",\"n\":[1,2.5,-0,1e10,-3.2E-4,true,false,null]}",
                "{\"a\":{\"b\":{\"c\":[{},[],\"\\u0041\\n\\\"\\\\\\/\"]}},\"张伟\":\"3-201\",\"emoji\":\"\uD83D\uDE00\"}",
                " {\"x\" : 0 , \"y\" :\t[ ] }\n",
                "{\"k\":\"v\",\"K\":\"v\",\"\\u006b2\":1}");
        Arbitrary<Character> junk = Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '\\', '0', '1', '.', 'e', '-', '+',
                't', 'u', 'n', ' ', '\n', '\u0001', '\uD800', '\uDC00', '张', 'k');
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> how = Arbitraries.integers().between(0, 3);
        return Combinators.combine(valid, where, how, junk, where, junk).as((v, w1, h, c1, w2, c2) -> {
            StringBuilder b = new StringBuilder(v);
            int i = w1 % (b.length() + 1);
            switch (h) {
                case 0 -> b.insert(i, c1);
                case 1 -> {
                    if (i < b.length()) {
                        b.deleteCharAt(i);
                    }
                }
                case 2 -> {
                    if (i < b.length()) {
                        b.setCharAt(i, c1);
                    }
                }
                default -> {
                    // leave the first change out, make a second elsewhere
                }
            }
            int j = w2 % (b.length() + 1);
            b.insert(j, c2);
            return b.toString();
        });
    }

    @Test
    void theCasesThatMatterForAGateway() {
        for (String ok : List.of("{}", " {\"a\":1} ", "{\"a\":\"\\ud800\"}", "{\"a\":\"\uD83D\uDE00\"}",
                "{\"张伟\":[1,{\"b\":null}]}")) {
            assertThat(JsonText.isObject(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "[]", "{} {}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"a\":\"\uD800\"}",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":\"\u0001\"}", "{'a':1}", "{\"a\":NaN}", "{\"a\":1}x")) {
            assertThat(JsonText.isObject(bad)).as(bad).isFalse();
        }
        assertThat(JsonText.isObject(null)).isFalse();
        String deep = "{\"a\":".repeat(JsonText.MAX_DEPTH) + "1" + "}".repeat(JsonText.MAX_DEPTH);
        assertThat(JsonText.isObject(deep)).isTrue();
        String tooDeep = "{\"a\":".repeat(JsonText.MAX_DEPTH + 1) + "1" + "}".repeat(JsonText.MAX_DEPTH + 1);
        assertThat(JsonText.isObject(tooDeep)).isFalse();
        assertThat(JsonText.isObject("{\"a\":" + "[".repeat(100_000))).isFalse(); // no stack overflow
    }

    @Property(tries = 2000)
    void aQuotedTextIsAValidStringThatReadsBackTheSame(@ForAll String text) throws IOException {
        String quoted = JsonText.quote(text);
        String object = "{\"s\":" + quoted + "}";
        assertThat(JsonText.isObject(object)).isTrue();
        assertThat(ContractJson.mapper().readTree(object.getBytes(StandardCharsets.UTF_8)).get("s").asText())
                .isEqualTo(text);
    }

    @Test
    void aPayloadWithALoneSurrogateTravelsAsAViolationAndReadsBack() {
        for (String payload : List.of("{\"a\":\"\uD800\"}", "\uDC00", "{\"a\":1,\"a\":2}")) {
            EventBatch.Event e = EventBatch.Event.fromOutbox(7, 0, Priority.ALARM, "alarm.smoke", payload);
            assertThat(e.type()).isEqualTo(EventBatch.Event.VIOLATION);
            byte[] json = ContractJson.encode(EventBatch.of(new Topics("p", "g"), 1, 0, 0, List.of(e)));
            Decoded<EventBatch> back = ContractJson.decode(json, EventBatch.class);
            assertThat(back).as(new String(json, StandardCharsets.UTF_8)).isInstanceOf(Decoded.Ok.class);
        }
    }
}
