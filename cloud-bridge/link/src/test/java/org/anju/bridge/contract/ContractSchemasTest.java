package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import org.anju.bridge.telemetry.PortReading;
import org.anju.bridge.testing.SchemaChecker;

/** Every record of the contract serialises to JSON its schema accepts, whatever its content. */
class ContractSchemasTest {
    private static final KeyPair KEY = Ed25519Keys.generate();
    private static final Set<String> COVERED = new TreeSet<>();

    private static final java.util.Set<String> SIGNED_BY_GATEWAY = java.util.Set.of("event-batch", "birth", "death",
            "status", "command-reply");

    private static void conforms(String schema, Object record) {
        COVERED.add(schema);
        // what a writer sends: the gateway's messages and the park's receipts carry their signature last
        byte[] json = SIGNED_BY_GATEWAY.contains(schema) ? SignedJson.sign(SignedJson.GATEWAY, record, KEY.getPrivate())
                : schema.equals("delivery-receipt") ? SignedJson.sign(SignedJson.RECEIPT, record, KEY.getPrivate())
                : ContractJson.encode(record);
        assertThat(SchemaChecker.load("contract/" + schema + ".schema.json").problems(json))
                .as("%s as %s", record, new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMaxLength(63).map(s -> "g" + s);
    }

    @Provide
    Arbitrary<Topics> gateways() {
        return Combinators.combine(ids(), ids()).as(Topics::new);
    }

    /** JSON objects of text (Chinese included), numbers and booleans, nested once. */
    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.of("张伟", "3-201", "充电桩").map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), leaf).ofMaxSize(6)
                .map(m -> {
                    ObjectNode node = ContractJson.mapper().valueToTree(m);
                    node.putObject("nested").put("k", "v");
                    return node.toString();
                });
    }

    @Property(tries = 200)
    void anyOutboxRowBecomesAConformingBatch(@ForAll("gateways") Topics gateway, @ForAll String type,
                                             @ForAll String payload, @ForAll Priority priority,
                                             @ForAll @LongRange(min = 1) long seq, @ForAll long ts) {
        // whatever a buggy agent wrote, the batch is valid and carries the original text
        EventBatch.Event event = EventBatch.Event.fromOutbox(seq, ts, priority, type, payload);
        EventBatch batch = EventBatch.of(gateway, 1, 0, ts, List.of(event));
        conforms("event-batch", batch);
        EventBatch back = ((Decoded.Ok<EventBatch>) ContractJson.decode(ContractJson.encode(batch), EventBatch.class))
                .value();
        EventBatch.Event read = back.events().get(0);
        if (read.type().equals(EventBatch.Event.VIOLATION)) {
            var tree = parse(read.payload());
            assertThat(tree.get("rawPayload").isNull() ? null : tree.get("rawPayload").asText()).isEqualTo(payload);
            assertThat(tree.get("originalType").isNull() ? null : tree.get("originalType").asText()).isEqualTo(type);
        } else {
            assertThat(read.type()).isEqualTo(type);
            assertThat(parse(read.payload())).isEqualTo(parse(payload));
        }
    }

    @Property(tries = 100)
    void batchesOfValidEventsConformAndRoundTrip(@ForAll("gateways") Topics gateway,
                                                 @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 1, max = 1_000_000) Long> seqs,
                                                 @ForAll Priority priority, @ForAll("payloads") String payload,
                                                 @ForAll @LongRange(min = 1) long session, @ForAll @LongRange(min = 0) long floor) {
        List<EventBatch.Event> events = new ArrayList<>();
        new TreeSet<>(seqs).forEach(s -> events.add(new EventBatch.Event(s, 1_773_561_600_000L + s, priority,
                "door.access", payload)));
        EventBatch batch = EventBatch.of(gateway, session, floor, 1_773_561_600_000L, events);
        conforms("event-batch", batch);
        EventBatch back = ((Decoded.Ok<EventBatch>) ContractJson.decode(ContractJson.encode(batch), EventBatch.class))
                .value();
        assertThat(back.events()).hasSameSizeAs(events);
        assertThat(back.stream()).isEqualTo(priority.stream());
    }

    @Property(tries = 50)
    void statesConform(@ForAll("gateways") Topics gateway, @ForAll @LongRange(min = 1) long session,
                       @ForAll @LongRange(min = 0) long roster, @ForAll GatewayState.Cause cause) {
        GatewayState.Birth birth = GatewayState.Birth.of(gateway, session, 1_773_561_600_000L, "0.1.0", roster);
        GatewayState.Death death = GatewayState.Death.of(gateway, session, cause);
        conforms("birth", birth);
        conforms("death", death);
        assertThat(ContractJson.decode(ContractJson.encode(birth), GatewayState.class))
                .isEqualTo(new Decoded.Ok<GatewayState>(birth));
        assertThat(ContractJson.decode(ContractJson.encode(death), GatewayState.class))
                .isEqualTo(new Decoded.Ok<GatewayState>(death));
    }

    @Property(tries = 50)
    void birthsNamingTheirConfigurationConform(@ForAll("gateways") Topics gateway, @ForAll @LongRange(min = 1) long session,
                                               @ForAll("digests") String config) {
        GatewayState.Birth birth = GatewayState.Birth.of(gateway, session, 1_773_561_600_000L, "anju-agent/0.2.0", 3, config);
        conforms("birth", birth);
        assertThat(ContractJson.decode(ContractJson.encode(birth), GatewayState.class))
                .isEqualTo(new Decoded.Ok<GatewayState>(birth));
    }

    @Provide
    Arbitrary<String> digests() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h);
    }

    /** Whatever a gateway's buses and devices say, within the contract's bounds, the status conforms and reads back. */
    @Property(tries = 100)
    void statusesConformAndReadBack(@ForAll("gateways") Topics gateway, @ForAll @LongRange(min = 1) long session,
                                    @ForAll @LongRange(min = 1, max = 1_000_000) long report,
                                    @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 3600) int period,
                                    @ForAll @LongRange(min = 0) long waiting, @ForAll @LongRange(min = 0) long oldest,
                                    @ForAll @Size(max = 64) List<GatewayStatus.@net.jqwik.api.From("buses") Bus> buses,
                                    @ForAll @Size(max = 20) List<GatewayStatus.@net.jqwik.api.From("offline") Offline> offline,
                                    @ForAll boolean withConfig) {
        GatewayStatus status = GatewayStatus.of(gateway, session, report, 1_773_561_660_000L, period, "anju-agent/0.2.0",
                new GatewayStatus.Figures(withConfig ? "sha256:" + "ab".repeat(32) : null, 86_400, new GatewayStatus.Outbox(waiting, oldest),
                        buses, new GatewayStatus.Devices(offline.size() + 3, offline)));
        conforms("status", status);
        assertThat(ContractJson.decode(ContractJson.encode(status), GatewayStatus.class)).isEqualTo(new Decoded.Ok<>(status));
    }

    @Provide
    Arbitrary<GatewayStatus.Bus> buses() {
        return Combinators.combine(ids(), Arbitraries.of(true, false), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.strings().ofMaxLength(400)).as((id, up, down, why) -> new GatewayStatus.Bus(id, up, down, why));
    }

    @Provide
    Arbitrary<GatewayStatus.Offline> offline() {
        return Combinators.combine(ids(), ids(), Arbitraries.longs().greaterOrEqual(0), Arbitraries.strings().ofMaxLength(400))
                .as(GatewayStatus.Offline::new);
    }

    @Example
    void aStatusOutsideTheContractIsRefusedWhenItIsMade() {
        Topics gw = new Topics("p1", "gw-1");
        GatewayStatus.Figures figures = new GatewayStatus.Figures(null, 1, new GatewayStatus.Outbox(0, 0), List.of(),
                new GatewayStatus.Devices(0, List.of()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayStatus.of(gw, 1, 1, 1, 0, "a", figures))
                .hasMessageContaining("periodSeconds");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayStatus.of(gw, 1, 0, 1, 60, "a", figures))
                .hasMessageContaining("report");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayStatus.of(gw, 1, 1, 1, 60, "a", new GatewayStatus.Figures(
                "md5:1", 1, figures.outbox(), List.of(), figures.devices()))).hasMessageContaining("sha256");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GatewayStatus.Devices(1, List.of(
                new GatewayStatus.Offline("a", "b", 1, "x"), new GatewayStatus.Offline("c", "b", 1, "x"))))
                .hasMessageContaining("2 offline of 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GatewayStatus.Bus("shed", false, null, "why"))
                .hasMessageContaining("how long");
    }

    @Property(tries = 50)
    void repliesConform(@ForAll("gateways") Topics gateway, @ForAll ReplyResult result, @ForAll boolean withId,
                        @ForAll boolean withDetail, @ForAll boolean withRoster) {
        CommandReply reply = CommandReply.of(gateway, withId ? "req-1" : null, 1_773_561_600_000L, result,
                withDetail ? "why it failed, in words" : null, withRoster ? 7L : null);
        conforms("command-reply", reply);
        assertThat(ContractJson.decode(ContractJson.encode(reply), CommandReply.class))
                .isEqualTo(new Decoded.Ok<>(reply));
    }

    @Property(tries = 30)
    void signedCommandsOfEveryKindConform(@ForAll("gateways") Topics gateway, @ForAll("bodies") CommandBody body) {
        CommandSigner signer = new CommandSigner("park-2026", KEY.getPrivate(),
                Clock.fixed(Instant.parse("2026-03-15T08:00:00Z"), ZoneOffset.UTC));
        SignedCommand command = signer.sign(gateway, body, Duration.ofSeconds(30));
        conforms("command", command);
        conforms("commands/" + body.kind().wireName(), body);
        assertThat(CommandSigning.verify(KEY.getPublic(), command)).isTrue();
        Object back = ((Decoded.Ok<?>) ContractJson.decode(ContractJson.encode(command), SignedCommand.class)).value();
        assertThat(back).isEqualTo(command);
    }

    @Provide
    Arbitrary<CommandBody> bodies() {
        CommandBody.RosterTenant tenant = new CommandBody.RosterTenant("t-8f3a", "张伟", "3-201", 1_772_323_200_000L,
                1_788_220_800_000L, List.of(new CommandBody.RosterCredential("card", "12:34567"),
                new CommandBody.RosterCredential("pin", "482913")), List.of("entrance-1"));
        CommandBody.RosterTenant guest = new CommandBody.RosterTenant("t-guest-1", "Guest of 张伟", "3-201", 1_772_323_200_000L,
                1_772_409_600_000L, List.of(new CommandBody.RosterCredential("card", "12:34999")), List.of("lobby-gate", "lift-a"),
                "t-8f3a");
        return Arbitraries.of(
                new CommandBody.DoorOpen("entrance-1", "t-8f3a"),
                new CommandBody.DoorOpen("entrance-1", null),
                new CommandBody.ChargeStart("pile-3", 4, "t-8f3a", 480, 3000),
                new CommandBody.ChargeStart("pile-3", 4, null, null, null),
                new CommandBody.ChargeStop("pile-3", 4, null, null),
                new CommandBody.ChargeStop("pile-3", 4, "t-8f3a", null),
                new CommandBody.ChargeStop("pile-3", 4, null, "landlord-2"),
                new CommandBody.PortCut("pile-3", 4, "fire_officer", "officer-17"),
                new CommandBody.PortCut("pile-3", 4, "fire_officer", null),
                new CommandBody.AreaCut("bike-shed", "fire_officer", "officer-17"),
                new CommandBody.AreaRestore("bike-shed", "officer-17"),
                new CommandBody.AlarmAck("pile-3/OVERCURRENT/1764028800000", "officer-17"),
                new CommandBody.RosterDelta(311, 312, List.of(tenant), List.of("t-1c07")),
                new CommandBody.RosterDelta(0, 1, List.of(), List.of()),
                new CommandBody.RosterSnapshot(312, List.of(tenant, guest)),
                new CommandBody.LiftHome("lift-a", "t-8f3a"),
                new CommandBody.LiftRestore("lift-a", "officer-17"),
                new CommandBody.GateReset("t-8f3a", "officer-17"),
                new CommandBody.SiteApply(3, "sha256:e4a699b557006370fdc74de25521bf79c8fe00a589459864ca626ca726d33853", null, "gateway:\n  id: gw-b07\n"),
                new CommandBody.SiteApply(4, "sha256:4ed761132b3733ebaecb179f8bdd74e0586a99877e5d4577e49ed25768697068", 30, "# 工厂\n"));
    }

    @Property(tries = 30)
    void buildingEventsConform(@ForAll("ids") String tenant, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5000) int inside,
                               @ForAll boolean granted, @ForAll boolean in) {
        List<String> floors = List.of("1", "B1", "12");
        List<Object> events = List.of(
                granted ? org.anju.bridge.events.LiftAccess.granted("lift-a", "card", tenant, in ? "t-host" : null, floors, 20, "card-1")
                        : org.anju.bridge.events.LiftAccess.denied("lift-a", "remote", "EXPIRED", "req-7"),
                new org.anju.bridge.events.LiftFireRelease("lift-a", "released", List.of("fire-panel"), floors, null),
                new org.anju.bridge.events.LiftFireRelease("lift-a", "restored", null, null, tenant),
                new org.anju.bridge.events.GatePassage("lobby-gate", "T3", in ? "in" : "out", granted ? "card" : "unopened",
                        granted ? tenant : null, inside),
                new org.anju.bridge.events.OccupancyRoll("T3", true, inside, 1, List.of(new org.anju.bridge.events.OccupancyRoll.Person(tenant, 1_764_028_800_000L))),
                new org.anju.bridge.events.OccupancyRoll("T3", false, inside, 0, List.of()));
        List<String> schemas = List.of("payloads/lift.access", "payloads/lift.fire_release", "payloads/lift.fire_release",
                "payloads/gate.passage", "payloads/occupancy.roll", "payloads/occupancy.roll");
        for (int i = 0; i < events.size(); i++) {
            conforms(schemas.get(i), events.get(i));
            assertThat(ContractJson.mapper().convertValue(ContractJson.mapper().valueToTree(events.get(i)), events.get(i).getClass()))
                    .isEqualTo(events.get(i));
        }
    }

    @Property(tries = 50)
    void portReadingsConform(@ForAll("ids") String pile, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 64) int port,
                             @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4000) int power,
                             @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int held) {
        // a port held off says why, since when, and for an officer's cut by whom
        String heldFor = held == 0 ? null : List.of("SMOKE_OR_FIRE", "OVER_TEMPERATURE", "OFFICER_CUT").get(held - 1);
        PortReading reading = new PortReading(pile, port, "Charging", 221.3, power / 220.0, power, 1250, 1800, 30.5,
                heldFor, heldFor == null ? null : 1773561602000L, held == 3 ? "officer-17" : null);
        conforms("payloads/port.reading", reading);
        assertThat(ContractJson.mapper().convertValue(ContractJson.mapper().valueToTree(reading), PortReading.class))
                .isEqualTo(reading);
    }

    @org.junit.jupiter.api.Test
    void aHoldIsRefusedWithoutItsReasonOrTime() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PortReading("pile-1", 1, "Available", 230, 0, 0, 0, 0,
                null, "SMOKE_OR_FIRE", null, null)).hasMessageContaining("heldSince");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PortReading("pile-1", 1, "Available", 230, 0, 0, 0, 0,
                null, "TOO_LOUD", 1L, null)).hasMessageContaining("heldFor must be one of");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PortReading("pile-1", 1, "Available", 230, 0, 0, 0, 0,
                null, null, null, "officer-17")).hasMessageContaining("only with heldFor");
    }

    @Property(tries = 50)
    void commandCompletionsConform(@ForAll("ids") String requestId, @ForAll("finalResults") ReplyResult result,
                                   @ForAll @Size(max = 12) List<@net.jqwik.api.constraints.IntRange(min = 1, max = 64) Integer> ports,
                                   @ForAll boolean withBy) {
        List<CommandCompletion.PortOutcome> outcomes = new ArrayList<>();
        for (int port : ports) {
            outcomes.add(result == ReplyResult.FAILED
                    ? new CommandCompletion.PortOutcome("pile-1", port, ReplyResult.FAILED, null, "relay stuck; feeder f-1 cut")
                    : new CommandCompletion.PortOutcome("pile-1", port, result, 1_773_561_603_200L, null));
        }
        CommandCompletion done = new CommandCompletion(requestId, "area.cut", withBy ? "officer-17" : null, result,
                "cut at 1773561603200", 1_773_561_603_250L, outcomes);
        conforms("payloads/command.completed", done);
        assertThat(ContractJson.mapper().convertValue(ContractJson.mapper().valueToTree(done), CommandCompletion.class))
                .isEqualTo(done);
    }

    @Provide
    Arbitrary<ReplyResult> finalResults() {
        return Arbitraries.of(ReplyResult.OK, ReplyResult.UNCHANGED, ReplyResult.FAILED);
    }

    private static final java.security.PrivateKey PASS_KEY = Ed25519Keys.generate().getPrivate();

    @Property(tries = 30)
    void signedTenantPassesConform(@ForAll("ids") String tenant, @ForAll("ids") String door,
                                   @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long from) {
        TenantPass pass = new TenantPass(Contract.VERSION, "p1", tenant, List.of(door), from, from + 86_400_000L,
                String.format("nonce-%016x", from), "k1", null).signedWith(PASS_KEY);
        conforms("tenant-pass", pass);
        assertThat(ContractJson.decode(ContractJson.encode(pass), TenantPass.class)).isEqualTo(new Decoded.Ok<>(pass));
    }

    @Property(tries = 50)
    void receiptsConformAndSayExactlyWhatTheyConfirm(@ForAll("gateways") Topics gateway,
                                                     @ForAll @LongRange(min = 0, max = 1_000) long upTo,
                                                     @ForAll @Size(max = 60) List<@LongRange(min = 1, max = 2_000) Long> seqs,
                                                     @ForAll boolean asking) {
        List<Long> sorted = new TreeSet<>(seqs).stream().toList();
        DeliveryReceipt plain = DeliveryReceipt.of(gateway, upTo, DeliveryReceipt.rangesOf(sorted, upTo), 1, "park-2026");
        DeliveryReceipt receipt = asking ? plain.askingForAlarms() : plain;
        conforms("delivery-receipt", receipt);
        String json = new String(ContractJson.encode(receipt), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json.contains("resendAlarms")).as("the ask is written only when made: " + json).isEqualTo(asking);
        assertThat(ContractJson.decode(ContractJson.encode(receipt), DeliveryReceipt.class)).isEqualTo(new Decoded.Ok<>(receipt));
        assertThat(receipt.asksForAlarms()).isEqualTo(asking);
        for (long s = 1; s <= 2_100; s++) {
            assertThat(receipt.confirms(s)).as("seq %d", s).isEqualTo(s <= upTo || sorted.contains(s));
        }
        byte[] signed = SignedJson.sign(SignedJson.RECEIPT, receipt, KEY.getPrivate());
        assertThat(SignedJson.open(SignedJson.RECEIPT, signed, KEY.getPublic())).isInstanceOf(SignedJson.Opened.Valid.class);
        assertThat(SignedJson.open(SignedJson.GATEWAY, signed, KEY.getPublic()))
                .as("a receipt's signature never passes for a gateway's").isInstanceOf(SignedJson.Opened.Invalid.class);
    }

    @Example
    void theCheckerRefusesWhatTheSchemasForbid() throws Exception {
        SchemaChecker batch = SchemaChecker.load("contract/event-batch.schema.json");
        String good = new String(SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(new Topics("p1", "gw-1"), 1, 0, 0,
                List.of(new EventBatch.Event(1, 0, Priority.ALARM, "alarm.smoke", "{}"))), KEY.getPrivate()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(batch.problems(good.getBytes())).isEmpty();
        assertThat(batch.problems(good.replaceAll(",\"sig\":\"[^\"]+\"", "").getBytes())).as("unsigned")
                .anyMatch(p -> p.contains("sig"));
        assertThat(batch.problems(good.replace("\"floor\":0,", "").getBytes())).anyMatch(p -> p.contains("floor"));
        assertThat(batch.problems(good.replace("\"v\":1", "\"v\":2").getBytes())).isNotEmpty();
        assertThat(batch.problems(good.replace("\"ALARM\"", "\"URGENT\"").getBytes())).isNotEmpty();
        assertThat(batch.problems(good.replace("\"gw-1\"", "\"gw/1\"").getBytes())).isNotEmpty();
        assertThat(batch.problems(good.replace("\"seq\":1", "\"seq\":\"1\"").getBytes())).isNotEmpty();
        assertThat(batch.problems(good.replace("{\"v\"", "{\"extra\":1,\"v\"").getBytes())).isNotEmpty();
        SchemaChecker delta = SchemaChecker.load("contract/commands/roster.delta.schema.json");
        assertThat(delta.problems(("{\"fromVersion\":1,\"toVersion\":2,\"removals\":[],\"upserts\":[{\"id\":\"t\","
                + "\"displayName\":\"x\",\"room\":\"1\",\"validFrom\":0,\"validUntil\":1,\"doors\":[],"
                + "\"credentials\":[{\"kind\":\"pin\",\"value\":\"12\"}]}]}").getBytes())).isNotEmpty();
    }

    @Example
    void everySchemaIsExercisedHere() throws Exception {
        // the properties may run in any order: exercise every record once here, then check coverage
        conforms("event-batch", EventBatch.of(new Topics("p1", "gw-1"), 1, 0, 0,
                List.of(new EventBatch.Event(1, 0, Priority.ALARM, "alarm.smoke", "{}"))));
        statesConform(new Topics("p1", "gw-1"), 1, 0, GatewayState.Cause.LOST);
        repliesConform(new Topics("p1", "gw-1"), ReplyResult.OK, true, true, true);
        for (CommandBody body : bodies().allValues().orElseThrow().toList()) {
            signedCommandsOfEveryKindConform(new Topics("p1", "gw-1"), body);
        }
        portReadingsConform("pile-1", 1, 100, 3);
        buildingEventsConform("t-1", 3, true, true);
        buildingEventsConform("t-1", 3, false, false);
        commandCompletionsConform("req-1", ReplyResult.FAILED, List.of(1, 2), true);
        signedTenantPassesConform("t-1", "entrance-1", 1_764_028_800_000L);
        assertThat(COVERED).containsAll(ContractDocumentTest.schemaNames());
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return ContractJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
