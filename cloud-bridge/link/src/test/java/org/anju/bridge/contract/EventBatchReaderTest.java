package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The park's one-pass batch reader against the contract's tree reading ({@link ContractJson#decode(JsonNode, Class)}):
 * what the gateway writes reads back the same both ways, and on damaged text the one-pass reader
 * never takes what the tree reading refuses, nor reads it differently.
 */
class EventBatchReaderTest {
    private static final List<String> DAMAGE = List.of(
            "\"seq\":", "\"seq\":1.5,\"x\":", "\"ts\":", "\"ts\":\"7\",\"y\":", "\"priority\":", "\"priority\":0,\"z\":",
            "\"payload\":", "\"payload\":[1],\"q\":", "{", "}", "[", "]", ",", ":", "\"", "\\u0000", "\"v\":1,", "\"park\":\"p\",",
            "\"door\":\"a\",\"door\":\"b\",", "\"events\":[],", " ", "\"type\":7,", "\"floor\":-1,", "null", "\"session\":0,");

    @Property(tries = 400)
    void whatTheGatewayWritesReadsTheSameBothWays(@ForAll("batches") EventBatch batch) throws IOException {
        byte[] json = ContractJson.encode(batch);
        Decoded<EventBatch> fast = EventBatchReader.read(json);
        assertThat(fast).isInstanceOf(Decoded.Ok.class);
        assertSame(((Decoded.Ok<EventBatch>) fast).value(), ((Decoded.Ok<EventBatch>) TreeReading.tree(json)).value());
        assertThat(((Decoded.Ok<EventBatch>) fast).value()).isEqualTo(batch);
        assertFieldsAsReadAlone(json);
    }

    @Property(tries = 1500)
    void damagedTextIsNeverTakenWhereTheTreeReadingRefusesIt(@ForAll("batches") EventBatch batch,
                                                             @ForAll("damage") List<int[]> cuts) throws IOException {
        StringBuilder text = new StringBuilder(new String(ContractJson.encode(batch), StandardCharsets.UTF_8));
        for (int[] cut : cuts) {
            int at = cut[0] % (text.length() + 1);
            int drop = Math.min(cut[1], text.length() - at);
            text.replace(at, at + drop, DAMAGE.get(cut[2] % DAMAGE.size()));
        }
        byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
        Decoded<EventBatch> fast = EventBatchReader.read(json);
        if (fast instanceof Decoded.Ok<EventBatch> ok) {
            Decoded<EventBatch> slow = TreeReading.tree(json);
            assertThat(slow).as(text.toString()).isInstanceOf(Decoded.Ok.class);
            assertSame(ok.value(), ((Decoded.Ok<EventBatch>) slow).value());
            assertFieldsAsReadAlone(json);
        } else {
            assertThat(((Decoded.Invalid<EventBatch>) fast).reason()).as(text.toString()).isNotBlank();
        }
    }

    @Test
    void duplicateKeysAnywhereAndWrongKindsAreRefusedWithAReason() {
        String good = "{\"v\":1,\"park\":\"p\",\"gateway\":\"g\",\"session\":1,\"floor\":0,\"sentAt\":5,\"events\":["
                + "{\"seq\":1,\"ts\":2,\"priority\":\"STATE\",\"type\":\"door.closed\",\"payload\":%s}]}";
        assertThat(EventBatchReader.read(good.formatted("{\"door\":\"a\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Decoded.Ok.class);
        assertThat(reason(good.formatted("{\"door\":\"a\",\"door\":\"b\"}"))).contains("door");
        assertThat(reason(good.formatted("{\"n\":{\"a\":1,\"a\":1}}"))).contains("a");
        assertThat(reason(good.formatted("[1]"))).contains("payload must be a JSON object");
        assertThat(reason(good.formatted("{}").replace("\"seq\":1", "\"seq\":1.0"))).contains("seq must be a whole number");
        assertThat(reason(good.formatted("{}").replace("\"v\":1,", ""))).contains("'v'");
        assertThat(reason(good.formatted("{}").replace("\"v\":1", "\"v\":2"))).contains("contract version 2");
        assertThat(reason(good.formatted("{}").replace("\"floor\":0,", ""))).contains("'floor'");
        assertThat(reason(good.formatted("{}").replace("STATE", "LOUD"))).contains("priority");
        assertThat(reason(good.formatted("{}").replace("\"session\":1,", "\"session\":1,\"session\":2,"))).contains("session");
    }

    @Test
    void aPayloadNestedDeeperThanTheGatewayMayWriteIsRefusedAsTheGatewaysCheckRefusesIt() {
        String good = "{\"v\":1,\"park\":\"p\",\"gateway\":\"g\",\"session\":1,\"floor\":0,\"sentAt\":5,\"events\":["
                + "{\"seq\":1,\"ts\":2,\"priority\":\"STATE\",\"type\":\"door.closed\",\"payload\":%s}]}";
        String deepest = "{\"a\":".repeat(JsonText.MAX_DEPTH - 1) + "[1]" + "}".repeat(JsonText.MAX_DEPTH - 1);
        String deeper = "{\"a\":".repeat(JsonText.MAX_DEPTH) + "[1]" + "}".repeat(JsonText.MAX_DEPTH);
        assertThat(JsonText.isObject(deepest)).isTrue();
        assertThat(JsonText.isObject(deeper)).isFalse();
        assertThat(EventBatchReader.read(good.formatted(deepest).getBytes(StandardCharsets.UTF_8))).isInstanceOf(Decoded.Ok.class);
        assertThat(reason(good.formatted(deeper))).contains("nesting depth (" + (ContractJson.MAX_NESTING + 1) + ")");
    }

    @Test
    void thePayloadsFieldsAreItsTopLevelScalarsAndItsTextIsCheckedAgainOnceTheReadingIsOver() throws IOException {
        String json = "{\"v\":1,\"park\":\"p\",\"gateway\":\"g\",\"session\":1,\"floor\":0,\"sentAt\":5,\"events\":["
                + "{\"seq\":1,\"ts\":2,\"priority\":\"TELEMETRY\",\"type\":\"port.reading\",\"payload\":"
                + "{\"pile\":\"p-1\",\"port\":3,\"voltageV\":229.5,\"on\":true,\"gone\":null,\"meter\":{\"pile\":\"x\"},\"l\":[1]}}]}";
        EventBatch.Read read = ((Decoded.Ok<EventBatch.Read>) EventBatch.read(json.getBytes(StandardCharsets.UTF_8))).value();
        PayloadFields fields = read.fields().get(0);
        assertThat(fields.text("pile")).isEqualTo("p-1");
        assertThat(fields.number("port")).isEqualTo(3.0);
        assertThat(fields.text("port")).isEqualTo("3");
        assertThat(fields.number("voltageV")).isEqualTo(229.5);
        assertThat(fields.text("on")).isEqualTo("true");
        assertThat(List.of(fields.has("gone"), fields.has("meter"), fields.has("l"), fields.has("missing"))).containsOnly(false);
        assertThat(fields.text("missing")).isEmpty();
        assertThat(fields).isEqualTo(PayloadFields.read(read.batch().events().get(0).payload()));
        // the reader's word for a payload lasts only while it makes the event: the same text later is checked as any other
        String payload = read.batch().events().get(0).payload();
        assertThat(EventBatchReader.readWhole(payload)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventBatch.Event(1, 2, Priority.STATE, "door.closed",
                "{\"a\":1,\"a\":2}")).hasMessageContaining("not one JSON object");
    }

    /** Each payload's fields as the batch's reading took them equal those read from its text alone. */
    private static void assertFieldsAsReadAlone(byte[] json) throws IOException {
        EventBatch.Read read = ((Decoded.Ok<EventBatch.Read>) EventBatch.read(json)).value();
        assertThat(read.fields()).hasSameSizeAs(read.batch().events());
        for (int i = 0; i < read.fields().size(); i++) {
            assertThat(read.fields().get(i)).isEqualTo(PayloadFields.read(read.batch().events().get(i).payload()));
        }
    }

    private static String reason(String json) {
        Decoded<EventBatch> d = EventBatchReader.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(d).as(json).isInstanceOf(Decoded.Invalid.class);
        return ((Decoded.Invalid<EventBatch>) d).reason();
    }


    /** The same batch: every field equal, payloads the same JSON (the tree reading writes them out again). */
    private static void assertSame(EventBatch fast, EventBatch slow) throws IOException {
        assertThat(fast.v()).isEqualTo(slow.v());
        assertThat(List.of(fast.park(), fast.gateway(), fast.session(), fast.floor(), fast.sentAt()))
                .isEqualTo(List.of(slow.park(), slow.gateway(), slow.session(), slow.floor(), slow.sentAt()));
        assertThat(fast.events()).hasSameSizeAs(slow.events());
        for (int i = 0; i < fast.events().size(); i++) {
            EventBatch.Event a = fast.events().get(i);
            EventBatch.Event b = slow.events().get(i);
            assertThat(List.of(a.seq(), a.ts(), a.priority(), a.type())).isEqualTo(List.of(b.seq(), b.ts(), b.priority(), b.type()));
            assertThat(TreeReading.sameJson(a.payload(), b.payload())).as("%s / %s", a.payload(), b.payload()).isTrue();
        }
    }

    @Provide
    Arbitrary<EventBatch> batches() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<String> payload = Combinators.combine(text, Arbitraries.integers(), Arbitraries.doubles(), text)
                .as((s, n, d, k) -> "{\"door\":" + JsonText.quote(s) + ",\"n\":" + n + ",\"d\":" + d + ",\"o\":{\"k\":"
                        + JsonText.quote(k) + ",\"l\":[1,\"2\",null,true]}}");
        Arbitrary<String> type = Arbitraries.of("door.closed", "port.reading", "alarm.smoke", "access.granted");
        return Combinators.combine(Arbitraries.of(Priority.values()), Arbitraries.longs().between(1, 1L << 40),
                        Arbitraries.longs().between(0, 1L << 42), type.list().ofMinSize(1).ofMaxSize(4),
                        payload.list().ofMinSize(4).ofMaxSize(4))
                .as((priority, seq, ts, types, payloads) -> {
                    List<EventBatch.Event> events = new java.util.ArrayList<>();
                    for (int i = 0; i < types.size(); i++) {
                        events.add(EventBatch.Event.fromOutbox(seq + i, ts + i, priority, types.get(i), payloads.get(i)));
                    }
                    return EventBatch.of(new Topics("park-1", "gw-1"), 1 + seq % 5, seq - 1, ts, events);
                });
    }

    @Provide
    Arbitrary<List<int[]>> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, 100)).as((at, drop, what) -> new int[] {at, drop, what}).list().ofMinSize(1)
                .ofMaxSize(3);
    }
}
