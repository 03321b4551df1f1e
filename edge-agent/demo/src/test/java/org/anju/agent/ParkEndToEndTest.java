package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.firmware.pile.Bike;
import org.anju.firmware.pile.PileSimulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The park and a building, end to end over a real Mosquitto: the park bridge with its SQLite
 * store and HTTP API, a gateway agent from its site file with a reference pile on a serial
 * server and its doors on mock GPIO. People act through the API only, as the apps do.
 */
@Tag("peer")
@Tag("wire")
class ParkEndToEndTest {
    private static final Topics GATEWAY = new Topics("huaqiao", "gw-b07");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private ParkAndBuilding park;
    private PileSimulator pile;
    private MosquittoBroker broker;
    private KeyPair parkKey;

    @BeforeEach
    void start() throws Exception {
        park = closer.keep(new ParkAndBuilding(dir));
        pile = park.pile;
        broker = park.broker;
        parkKey = park.parkKey;
    }

    private HttpResponse<String> call(String method, String path, String token, JsonObject body) throws Exception {
        return park.call(method, path, token, body);
    }

    private JsonObject ok(HttpResponse<String> response, int status) {
        return park.ok(response, status);
    }

    private String login(String login, String password) throws Exception {
        return park.login(login, password);
    }

    private String account(String admin, String login, String role) throws Exception {
        return park.account(admin, login, role);
    }

    private void awaitGatewayOnline(String token) {
        park.awaitGatewayOnline(token);
    }

    /** The tenant sets their password with the invitation the landlord handed over, and is signed in. */
    private String redeem(JsonObject tenant, String password) throws Exception {
        return ok(call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code",
                tenant.getJsonObject("invitation").getString("code")).put("password", password)), 200).getString("token");
    }

    private JsonObject renter(String idNumber) {
        return new JsonObject().put("building", "b07").put("room", "301").put("name", "Li Wei").put("phone", "138 0013 8000")
                .put("idNumber", idNumber).put("cards", new JsonArray().add("3:1001"))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z");
    }

    @Test
    void aLandlordRegistersARenterWhoOpensByPhoneUntilTheLeaseEndsAndTheGatewayRefuses() throws Exception {
        String admin = login("admin", "first admin password");
        String landlordId = account(admin, "landlord-wang", "landlord");
        account(admin, "landlord-zhao", "landlord");
        ok(call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        awaitGatewayOnline(admin);
        String landlord = login("landlord-wang", "landlord-wang password");

        JsonObject refused = new JsonObject(call("POST", "/api/v1/leases", landlord, renter("110105194912310021")).body());
        assertThat(refused.getJsonArray("problems").encode()).contains("idNumber").contains("landlord.id.check");

        JsonObject registered = ok(call("POST", "/api/v1/leases", landlord, renter("11010519491231002X")), 201);
        assertThat(registered.getJsonObject("lease").getString("idNumber")).isEqualTo("110105********002X");
        assertThat(registered.getJsonObject("lease").getString("phone")).isEqualTo("138****8000");
        assertThat(registered.getJsonArray("gateways").getJsonObject(0).getBoolean("applied")).isTrue();
        String leaseId = registered.getJsonObject("lease").getString("id");
        assertThat(registered.encode()).as("no password in the answer").doesNotContainIgnoringCase("password");
        String tenant = ok(call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code",
                registered.getJsonObject("tenant").getJsonObject("invitation").getString("code")).put("password",
                "li wei's own phrase")), 200).getString("token");

        JsonArray doors = ok(call("GET", "/api/v1/me/doors", tenant, null), 200).getJsonArray("doors");
        assertThat(doors.stream().map(d -> ((JsonObject) d).getString("door")).toList()).containsExactly("entrance", "lobby-gate",
                "room-301");
        assertThat(ok(call("POST", "/api/v1/doors/b07/room-301/open", tenant, null), 200).getString("result"))
                .as("room 301's GPIO strike cannot report that it released").isEqualTo("sent");
        assertThat(call("POST", "/api/v1/doors/b07/room-302/open", tenant, null).statusCode()).as("another room").isEqualTo(403);
        String zhao = login("landlord-zhao", "landlord-zhao password");
        assertThat(call("DELETE", "/api/v1/leases/" + leaseId, zhao, null).statusCode()).as("another landlord").isEqualTo(404);
        await().atMost(Duration.ofSeconds(20)).until(() -> ok(call("GET", "/api/v1/leases/" + leaseId + "/access", landlord,
                null), 200).getJsonArray("access").size() >= 1);

        JsonObject ended = ok(call("DELETE", "/api/v1/leases/" + leaseId, landlord, null), 200);
        assertThat(ended.getJsonArray("gateways").getJsonObject(0).getBoolean("applied")).isTrue();
        assertThat(call("POST", "/api/v1/doors/b07/room-301/open", tenant, null).statusCode()).isEqualTo(403);

        // the gateway itself refuses too: a correctly signed open for the ended tenant is denied there
        ParkClient direct = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        var command = new CommandSigner("park-2026", parkKey.getPrivate(), Clock.systemUTC())
                .sign(GATEWAY, new CommandBody.DoorOpen("room-301", registered.getJsonObject("tenant").getString("account")), Duration.ofMinutes(1));
        direct.send(command);
        await().atMost(Duration.ofSeconds(20)).until(() -> direct.replyTo(command.id()) != null);
        assertThat(direct.replyTo(command.id()).result()).isEqualTo(ReplyResult.FAILED);
        assertThat(direct.replyTo(command.id()).detail()).isEqualTo("denied: UNKNOWN_TENANT");
    }

    @Test
    void theFireOfficerSeesWhoIsInsideOnlyDuringAFireAndRestoresTheLiftAfterIt() throws Exception {
        String admin = login("admin", "first admin password");
        String landlordId = account(admin, "landlord-wang", "landlord");
        account(admin, "officer-li", "officer");
        ok(call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        awaitGatewayOnline(admin);
        String landlord = login("landlord-wang", "landlord-wang password");
        String officer = login("officer-li", "officer-li password");
        JsonObject registered = ok(call("POST", "/api/v1/leases", landlord, renter("11010519491231002X")), 201);
        String tenant = ok(call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code",
                registered.getJsonObject("tenant").getJsonObject("invitation").getString("code")).put("password",
                "li wei's own phrase")), 200).getString("token");

        // take me home: room 301 is on floor 3, and only floor 3 and the ground floor call the car
        assertThat(ok(call("POST", "/api/v1/lifts/b07/lift-a/home", tenant, null), 200).getString("result")).isEqualTo("enabled");
        assertThat(park.car.works(3)).isTrue();
        assertThat(park.car.works(2)).isFalse();

        // she comes in through the lobby gate: counted, and named to nobody
        GatewayProbe.present(park.gateway.gateway(), "lobby-gate", ParkAndBuilding.GATE_D0, ParkAndBuilding.GATE_D1, 3, 1001,
                () -> park.lane.waiting(org.anju.firmware.turnstile.TurnstileSimulator.Way.IN) == 1);
        assertThat(park.lane.enter()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> building(officer).getInteger("inside") == 1);
        assertThat(building(officer).containsKey("people")).as("no names without a fire").isFalse();

        park.gateway.gateway().gpioSimulator().orElseThrow().driveInput(ParkAndBuilding.FIRE_PANEL, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> building(officer).getBoolean("fire"));
        JsonObject inFire = building(officer);
        assertThat(inFire.getJsonArray("people")).singleElement().satisfies(p -> {
            assertThat(((JsonObject) p).getString("name")).isEqualTo("Li Wei");
            assertThat(((JsonObject) p).getString("room")).isEqualTo("301");
        });
        assertThat(call("GET", "/api/v1/occupancy", tenant, null).statusCode()).as("for officers only").isEqualTo(403);
        await().atMost(Duration.ofSeconds(20)).until(() -> "released".equals(liftState(officer)));
        assertThat(IntStream.rangeClosed(1, 3).allMatch(park.car::works)).isTrue();
        assertThat(call("POST", "/api/v1/lifts/b07/lift-a/restore", officer, null).statusCode()).as("the input is still active")
                .isEqualTo(409);

        park.gateway.gateway().gpioSimulator().orElseThrow().driveInput(ParkAndBuilding.FIRE_PANEL, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !building(officer).getBoolean("fire"));
        assertThat(building(officer).containsKey("people")).as("the park forgets the list with the fire").isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> "input-cleared".equals(liftState(officer)));
        assertThat(ok(call("POST", "/api/v1/lifts/b07/lift-a/restore", officer, null), 200).getString("result")).isEqualTo("restored");
        assertThat(park.car.works(2)).as("back to cards and hours: nobody enabled floor 2").isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> "restored".equals(liftState(officer)));
    }

    private JsonObject building(String officer) throws Exception {
        return ok(call("GET", "/api/v1/occupancy", officer, null), 200).getJsonArray("buildings").getJsonObject(0);
    }

    private String liftState(String officer) throws Exception {
        JsonArray lifts = building(officer).getJsonArray("lifts");
        return lifts.isEmpty() ? null : lifts.getJsonObject(0).getString("state");
    }

    @Test
    void anOfficerSeesAnOverloadLiveAcknowledgesItAndCutsTheArea() throws Exception {
        String admin = login("admin", "first admin password");
        account(admin, "officer-li", "officer");
        String officer = login("officer-li", "officer-li password");
        awaitGatewayOnline(officer);
        List<String> stream = new CopyOnWriteArrayList<>();
        String ticket = ok(call("POST", "/api/v1/stream/ticket", officer, null), 200).getString("ticket");
        HttpRequest sse = HttpRequest.newBuilder(URI.create(park.url("/api/v1/stream?ticket=" + ticket)))
                .GET().build();
        var lines = http.sendAsync(sse, HttpResponse.BodyHandlers.ofInputStream()).thenAccept(r -> {
            try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    stream.add(line);
                }
            } catch (java.io.IOException closed) {
                // the test ended
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.contains(": connected"));

        for (int port : new int[] {3, 4}) {
            pile.plugIn(port, Bike.TYPICAL);
            pile.switchRelay(port, true);
        }
        pile.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(call("GET", "/api/v1/ports", officer, null), 200)
                .getJsonArray("ports").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("state").equals("Charging")).count() == 2);
        pile.overload(3, 700);
        pile.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("alarm.raised") && l.contains("OVERLOAD")));

        JsonObject alarm = ok(call("GET", "/api/v1/alarms", officer, null), 200).getJsonArray("alarms").stream()
                .map(JsonObject.class::cast).filter(a -> a.getString("kind").equals("OVERLOAD")).findFirst().orElseThrow();
        assertThat(alarm.getJsonObject("reading").getLong("powerW")).as("rounded for people").isGreaterThan(800);
        assertThat(ok(call("POST", "/api/v1/alarms/acknowledge", officer, new JsonObject().put("gateway", "gw-b07")
                .put("alarm", alarm.getString("id"))), 200).getString("result")).isEqualTo("acknowledged");
        await().atMost(Duration.ofSeconds(20)).until(() -> ok(call("GET", "/api/v1/alarms?state=all", officer, null), 200)
                .getJsonArray("alarms").stream().map(JsonObject.class::cast)
                .anyMatch(a -> a.getString("id").equals(alarm.getString("id")) && !a.getString("state").equals("RAISED")));

        // one area.cut in the officer's name; "cut" only because every port read back off
        JsonObject cut = ok(call("POST", "/api/v1/areas/b07/bike-shed/cut", officer, null), 200);
        assertThat(cut.getString("result")).isEqualTo("cut");
        assertThat(cut.getString("detail")).contains("every port read back off");
        assertThat(pile.port(4).relayClosed()).isFalse();
        assertThat(pile.port(3).relayClosed()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> !ok(call("GET", "/api/v1/ports", officer, null), 200)
                .getJsonArray("ports").stream().map(JsonObject.class::cast).anyMatch(p -> p.getString("state").equals("Charging")));
        assertThat(call("GET", "/api/v1/ports", login("admin", "first admin password"), null).statusCode()).isEqualTo(200);
        lines.cancel(true);
    }

    @Test
    void aChargeBelongsToWhoeverStartedItAndTheirPageListsItWithEnergyPowerAndTime() throws Exception {
        String admin = login("admin", "first admin password");
        String landlordId = account(admin, "landlord-wang", "landlord");
        ok(call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        awaitGatewayOnline(admin);
        String landlord = login("landlord-wang", "landlord-wang password");
        JsonObject li = ok(call("POST", "/api/v1/leases", landlord, renter("11010519491231002X")), 201).getJsonObject("tenant");
        JsonObject chen = ok(call("POST", "/api/v1/leases", landlord, renter("110101199003074477").put("room", "302")
                .put("name", "Chen Jie").put("cards", new JsonArray().add("3:1003"))), 201).getJsonObject("tenant");
        String liToken = redeem(li, "li wei's own phrase");
        String chenToken = redeem(chen, "chen jie's own phrase");

        pile.plugIn(5, Bike.TYPICAL);
        pile.advance(Duration.ofSeconds(1));
        HttpResponse<String> badLimit = call("POST", "/api/v1/charging/b07/pile-1/5/start", liToken,
                new JsonObject().put("maxMinutes", 0));
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badLimit.body()).getString("error")).contains("maxMinutes", "1 到 1440");
        // her own limits for this charge: 2 kWh, or 10 hours, which the site's 6 h longest charge cuts short
        JsonObject limits = new JsonObject().put("maxEnergyWh", 2000).put("maxMinutes", 600);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("POST", "/api/v1/charging/b07/pile-1/5/start", liToken, limits)
                .statusCode() == 200);
        assertThat(pile.port(5).relayClosed()).as("started means the pile reads the port on").isTrue();
        // ten minutes of the bike's charge in a moment; the pile's firmware timers (its watchdog) keep the wall's pace
        pile.wallPacedTimers(1000);
        pile.advance(Duration.ofSeconds(600));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonArray mine = ok(call("GET", "/api/v1/me/charging", liToken, null), 200).getJsonArray("sessions");
            assertThat(mine).hasSize(1);
            assertThat(mine.getJsonObject(0).getBoolean("open")).as(mine.encode()).isTrue();
            assertThat(mine.getJsonObject(0).getInteger("powerW", 0)).as(mine.encode()).isGreaterThan(100);
            assertThat(mine.getJsonObject(0).getLong("energyWh")).as(mine.encode()).isPositive();
        });
        JsonObject session = ok(call("GET", "/api/v1/me/charging", liToken, null), 200).getJsonArray("sessions").getJsonObject(0);
        assertThat(session.getString("pile")).isEqualTo("pile-1");
        assertThat(session.getInteger("port")).isEqualTo(5);
        assertThat(session.getLong("seconds")).isNotNegative();
        assertThat(session.getInteger("maxEnergyWh")).as("the limits the gateway enforces").isEqualTo(2000);
        assertThat(session.getInteger("maxMinutes")).as("within the site's 6 h").isEqualTo(360);
        assertThat(ok(call("GET", "/api/v1/me/charging", chenToken, null), 200).getJsonArray("sessions"))
                .as("another tenant's page lists only their own").isEmpty();

        // another tenant may not stop it, and is told why; the charge runs on
        HttpResponse<String> refused = call("POST", "/api/v1/charging/b07/pile-1/5/stop", chenToken, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(refused.body()).getString("reason")).as("in Chinese: no Accept-Language")
                .contains("另一位租户", "房东", "消防安全员")
                .doesNotContain(li.getString("account"));
        assertThat(pile.port(5).relayClosed()).isTrue();
        // the building's landlord may, and "stopped" means the port read back off
        JsonObject stopped = ok(call("POST", "/api/v1/charging/b07/pile-1/5/stop", landlord, null), 200);
        assertThat(stopped.getString("result")).isEqualTo("stopped");
        assertThat(pile.port(5).relayClosed()).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonObject last = ok(call("GET", "/api/v1/me/charging", liToken, null), 200).getJsonArray("sessions").getJsonObject(0);
            return !last.getBoolean("open") && "REMOTE_STOP".equals(last.getString("endReason"))
                    && landlordId.equals(last.getString("endedBy"));
        });
    }
}
