package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.agent.store.AppendResult;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.park.privacy.IdNumber;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A property over the whole chain: whatever a landlord does, in whatever order (registrations,
 * card changes, ends, moves, double submits), while the gateway's outbox takes bursts of events
 * and the gateway is stopped and started again, once the park reports the gateway in sync the
 * gateway's roster is exactly the park's current leases: the same tenants, cards, doors and
 * windows. Along the way the park's answers follow the rules (a held card or a second lease of
 * the same person is refused; a double submit makes one lease). 200 random operations; the seed is
 * printed and {@code -Danju.seed=N} replays a run.
 */
@Tag("peer")
@Tag("wire")
class RosterConvergenceTest {
    private static final int OPERATIONS = 200;
    private static final List<String> ROOMS = List.of("301", "302");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    /** A current lease as the test expects it. */
    private record Held(String lease, String tenant, int person, String room, List<String> cards) {
    }

    @Test
    void afterAnyLandlordsDayTheGatewaysRosterIsExactlyTheParksCurrentLeases() throws Exception {
        long seed = Long.getLong("anju.seed", new Random().nextLong());
        Random random = new Random(seed);
        String run = "seed " + seed + " (-Danju.seed=" + seed + " replays it)";
        System.out.println("RosterConvergenceTest: " + run);
        ParkAndBuilding park = closer.keep(new ParkAndBuilding(dir));
        String admin = park.login("admin", ParkAndBuilding.ADMIN_PASSWORD);
        String wang = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + wang + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
        String landlord = park.login("landlord-wang", "landlord-wang password");

        List<Held> current = new ArrayList<>();
        List<CompletableFuture<AppendResult>> bursts = new ArrayList<>();
        int[] counts = new int[5];
        for (int op = 0; op < OPERATIONS; op++) {
            String at = "operation " + op + ", " + run;
            if (op == 80) {
                park.stopGateway();
            }
            if (op == 110) {
                park.startGateway();
            }
            if (op % 25 == 10 && op < 80 || op % 25 == 10 && op > 110) {
                bursts.addAll(burst(park.gateway.gateway(), 1_000));
            }
            int kind = current.isEmpty() ? 0 : random.nextInt(10);
            if (kind <= 3) { // a registration, sometimes sent twice at once
                int person = random.nextInt(40);
                String room = ROOMS.get(random.nextInt(2));
                List<String> cards = cards(random);
                boolean twice = random.nextInt(4) == 0;
                JsonObject body = renter(person, room, cards).put("idempotencyKey", UUID.randomUUID().toString());
                boolean refused = current.stream().anyMatch(h -> h.person == person || h.cards.stream().anyMatch(cards::contains));
                List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < (twice ? 2 : 1); i++) {
                    sent.add(CompletableFuture.supplyAsync(() -> call(park, "POST", "/api/v1/leases", landlord, body)));
                }
                List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
                if (refused) {
                    assertThat(answers).as(at).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(409));
                } else {
                    assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList()).as(at + " " + answers.get(0).body())
                            .isEqualTo(twice ? List.of(200, 201) : List.of(201));
                    Set<String> made = new TreeSet<>();
                    answers.forEach(r -> made.add(new JsonObject(r.body()).getJsonObject("lease").getString("id")));
                    assertThat(made).as(at + ": a double submit makes one lease").hasSize(1);
                    JsonObject r = new JsonObject(answers.get(0).body());
                    current.add(new Held(made.iterator().next(), r.getJsonObject("tenant").getString("account"), person, room, cards));
                }
                counts[twice ? 1 : 0]++;
            } else if (kind <= 5) { // new cards for a lease
                Held h = current.get(random.nextInt(current.size()));
                List<String> cards = cards(random);
                boolean refused = current.stream().anyMatch(o -> o != h && o.cards.stream().anyMatch(cards::contains));
                HttpResponse<String> r = call(park, "PUT", "/api/v1/leases/" + h.lease + "/cards", landlord,
                        new JsonObject().put("cards", new JsonArray(new ArrayList<Object>(cards))));
                assertThat(r.statusCode()).as(at + " " + r.body()).isEqualTo(refused ? 409 : 200);
                if (!refused) {
                    current.set(current.indexOf(h), new Held(h.lease, h.tenant, h.person, h.room, cards));
                }
                counts[2]++;
            } else if (kind <= 8) { // a lease ended
                Held h = current.remove(random.nextInt(current.size()));
                assertThat(call(park, "DELETE", "/api/v1/leases/" + h.lease, landlord, null).statusCode()).as(at).isEqualTo(200);
                counts[3]++;
            } else { // a move to the other room, continuing the lease
                Held h = current.get(random.nextInt(current.size()));
                String room = h.room.equals("301") ? "302" : "301";
                HttpResponse<String> r = call(park, "POST", "/api/v1/leases", landlord,
                        renter(h.person, room, h.cards).put("continues", h.lease));
                assertThat(r.statusCode()).as(at + " " + r.body()).isEqualTo(201);
                JsonObject moved = new JsonObject(r.body());
                assertThat(moved.getJsonObject("tenant").getString("account")).isEqualTo(h.tenant);
                current.set(current.indexOf(h), new Held(moved.getJsonObject("lease").getString("id"), h.tenant, h.person,
                        room, h.cards));
                counts[4]++;
            }
        }
        System.out.printf("RosterConvergenceTest: %d registrations, %d double submits, %d card changes, %d ends, %d moves;"
                + " %d events appended meanwhile%n", counts[0], counts[1], counts[2], counts[3], counts[4], bursts.size());

        await().atMost(Duration.ofSeconds(60)).until(() -> park.ok(park.call("GET", "/api/v1/rosters", admin, null), 200)
                .getJsonArray("gateways").getJsonObject(0).getBoolean("inSync"));
        Map<String, GatewayProbe.HeldTenant> expected = new TreeMap<>();
        long now = System.currentTimeMillis();
        for (Object o : park.ok(park.call("GET", "/api/v1/leases?building=b07", landlord, null), 200).getJsonArray("leases")) {
            JsonObject l = (JsonObject) o;
            long until = Instant.parse(l.getString("leaseEnd")).toEpochMilli();
            if (l.getString("ended") == null && until > now) {
                Set<String> cards = new TreeSet<>();
                l.getJsonArray("cards").forEach(c -> cards.add((String) c));
                expected.put(l.getString("tenant"), new GatewayProbe.HeldTenant(cards,
                        new TreeSet<>(Set.of("entrance", "lobby-gate", "room-" + l.getString("room"))), // the building's ways in and her room
                        Instant.parse(l.getString("leaseStart")).toEpochMilli(), until));
            }
        }
        Map<String, String> modelTenants = new HashMap<>();
        current.forEach(h -> modelTenants.put(h.tenant, h.room));
        assertThat(expected.keySet()).as("the park's current leases are the ones the landlord left, " + run)
                .isEqualTo(modelTenants.keySet());
        assertThat(GatewayProbe.roster(park.gateway.database().file())).as("the gateway's roster, " + run).isEqualTo(expected);
        bursts.forEach(f -> assertThat(f.join()).isInstanceOf(AppendResult.Stored.class));
    }

    private static List<CompletableFuture<AppendResult>> burst(Gateway gateway, int events) {
        List<CompletableFuture<AppendResult>> out = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            out.add(gateway.outbox().append(new OutboxEvent.New(Priority.TELEMETRY, "port.reading",
                    "{\"pile\":\"pile-1\",\"port\":1,\"state\":\"Available\",\"voltageV\":220.0,\"currentA\":0.0,\"powerW\":0,"
                            + "\"energyWh\":" + i + ",\"sessionSeconds\":0}")));
        }
        return out;
    }

    /** None to two cards of a pool of twelve, so cards often clash. */
    private static List<String> cards(Random random) {
        Set<String> cards = new TreeSet<>();
        int n = random.nextInt(3);
        while (cards.size() < n) {
            cards.add("3:" + (2001 + random.nextInt(12)));
        }
        return List.copyOf(cards);
    }

    private static JsonObject renter(int person, String room, List<String> cards) {
        return new JsonObject().put("building", "b07").put("room", room).put("name", "Renter " + person)
                .put("phone", "13800138000").put("idNumber", IdNumber.sample(100 + person))
                .put("cards", new JsonArray(new ArrayList<Object>(cards)))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z");
    }

    private static HttpResponse<String> call(ParkAndBuilding park, String method, String path, String token, JsonObject body) {
        try {
            return park.call(method, path, token, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
