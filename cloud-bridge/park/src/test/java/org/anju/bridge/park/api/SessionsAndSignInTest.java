package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.MutableClock;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * Sessions that end and sign-ins nobody can flood or use to lock a person out, as an attacker on
 * the Internet and the people they target would see them: sign-out, a password change, a
 * reissued invitation and a disabled account end tokens at once; tokens count only in the
 * Authorization header; the live stream's tickets work once and briefly; an officer's idle session
 * expires while a used one slides; wrong passwords from one address slow that address only. The
 * bridge runs behind a "reverse proxy" (127.0.0.1 is trusted), so each request's X-Forwarded-For
 * is its client's address; the park's clock is moved by hand.
 */
@Tag("wire")
class SessionsAndSignInTest {
    @TempDir
    static Path dir;
    private static ParkBridge bridge;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String landlord;

    @BeforeAll
    static void park() throws Exception {
        bridge = TestPark.start(dir, """
                http: {port: 0, trustedProxies: [127.0.0.1], metricsFrom: [10.0.0.9]}
                buildings:
                  - {id: b07, gateway: gw-b07, doors: [{id: entrance}, {id: room-301, room: "301"}], areas: [{id: shed, piles: [pile-1]}]}
                """, CLOCK);
        String landlordId = account("landlord-a", "landlord");
        call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin(), null, "10.0.0.1");
        landlord = login("landlord-a", "landlord-a password", "10.0.0.1");
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static HttpResponse<String> call(String method, String path, String token, JsonObject body, String from)
            throws Exception {
        return TestPark.call(bridge.port(), method, path, token, body == null ? null : body.encode(), "X-Forwarded-For", from);
    }

    private static HttpResponse<String> signIn(String login, String password, String from) throws Exception {
        return call("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password), from);
    }

    private static String login(String login, String password, String from) throws Exception {
        HttpResponse<String> r = signIn(login, password, from);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    /** The administrator, signed in afresh: their session expires after 15 idle minutes, and the tests move the clock. */
    private static String admin() throws Exception {
        return login("admin", TestPark.ADMIN_PASSWORD, "10.0.0.1");
    }

    private static String account(String login, String role) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/accounts", admin(), new JsonObject().put("login", login).put("name", login)
                .put("password", login + " password").put("role", role), "10.0.0.1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("account");
    }

    /**
     * A session's renewal is written after the request that renews it is answered (the request does
     * not wait for the store's busy general lane): twenty minutes pass between two uses, but here the
     * clock moves at once, so the next use waits until this one's renewal is in the park's file.
     */
    private static void awaitRenewed(long now) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park.db") + "?open_mode=1");
                 ResultSet rs = c.createStatement().executeQuery("SELECT MAX(renewed_at) FROM session")) {
                return rs.next() && rs.getLong(1) >= now;
            }
        });
    }

    private static int me(String token) throws Exception {
        return call("GET", "/api/v1/me", token, null, "10.0.0.1").statusCode();
    }

    private static int renters;

    /** A new person's lease each time (one person has one lease per building). */
    private static JsonObject register() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/leases", landlord, new JsonObject().put("building", "b07").put("room", "301")
                .put("name", "Li Wei").put("phone", "13800138000")
                .put("idNumber", org.anju.bridge.park.privacy.IdNumber.sample(renters++))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z"), "10.0.0.1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> redeem(String code, String password, String from) throws Exception {
        return call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code", code).put("password", password), from);
    }

    @Test
    void aRenterSetsTheirOwnPasswordWithASingleUseInvitationAndNoAnswerEverCarriesOne() throws Exception {
        JsonObject registered = register();
        assertThat(registered.encode()).doesNotContainIgnoringCase("password");
        JsonObject invitation = registered.getJsonObject("tenant").getJsonObject("invitation");
        assertThat(invitation.getString("code")).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(Instant.parse(invitation.getString("expiresAt"))).isEqualTo(CLOCK.instant().plus(Duration.ofHours(72)));
        assertThat(invitation.getString("url")).endsWith("/tenant.html#invite=" + invitation.getString("code"));
        assertThat(invitation.getString("qr")).startsWith("data:image/svg+xml;base64,");
        String login = registered.getJsonObject("tenant").getString("login");
        assertThat(signIn(login, "anything at all here", "10.0.1.1").statusCode()).as("no password before the invitation").isEqualTo(401);

        assertThat(redeem(invitation.getString("code"), "short", "10.0.1.1").statusCode()).isEqualTo(400);
        assertThat(redeem(invitation.getString("code"), "woaini1314520", "10.0.1.1").body()).contains("\"code\":\"landlord.password.common\"").contains("最常见");
        HttpResponse<String> redeemed = redeem(invitation.getString("code").toLowerCase().replace("-", " "), "li wei likes tea", "10.0.1.1");
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
        assertThat(new JsonObject(redeemed.body()).getString("login")).isEqualTo(login);
        assertThat(me(new JsonObject(redeemed.body()).getString("token"))).isEqualTo(200);
        assertThat(redeem(invitation.getString("code"), "someone else's try", "10.0.1.2").statusCode()).as("used").isEqualTo(400);
        assertThat(login(login, "li wei likes tea", "10.0.1.1")).isNotNull();
    }

    @Test
    void anInvitationExpiresAfterSeventyTwoHours() throws Exception {
        String code = register().getJsonObject("tenant").getJsonObject("invitation").getString("code");
        CLOCK.advance(Duration.ofHours(72).plusMinutes(1));
        try {
            assertThat(redeem(code, "li wei likes tea", "10.0.2.1").body()).contains("\"code\":\"landlord.account.badInvitation\"");
        } finally {
            CLOCK.advance(Duration.ofHours(-72).minusMinutes(1));
        }
    }

    @Test
    void reissuingAnInvitationEndsTheRentersSessionsAndPasswordAndVoidsTheOldCode() throws Exception {
        JsonObject registered = register();
        String login = registered.getJsonObject("tenant").getString("login");
        String firstCode = registered.getJsonObject("tenant").getJsonObject("invitation").getString("code");
        String phone = new JsonObject(redeem(firstCode, "li wei likes tea", "10.0.3.1").body()).getString("token");
        String lease = registered.getJsonObject("lease").getString("id");

        HttpResponse<String> again = call("POST", "/api/v1/leases/" + lease + "/invitation", landlord, null, "10.0.0.1");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.body()).doesNotContainIgnoringCase("password");
        assertThat(me(phone)).as("the lost phone's session").isEqualTo(401);
        assertThat(signIn(login, "li wei likes tea", "10.0.3.1").statusCode()).as("the old password").isEqualTo(401);
        String newCode = new JsonObject(again.body()).getJsonObject("invitation").getString("code");
        assertThat(redeem(firstCode, "another fine phrase", "10.0.3.1").statusCode()).as("the old code").isEqualTo(400);
        assertThat(redeem(newCode, "a new phone a new phrase", "10.0.3.1").statusCode()).isEqualTo(200);
    }

    @Test
    void signOutEndsThatTokenOnlyAndAPasswordChangeEndsThemAll() throws Exception {
        account("officer-so", "officer");
        String desk = login("officer-so", "officer-so password", "10.0.4.1");
        String wall = login("officer-so", "officer-so password", "10.0.4.2");
        assertThat(call("POST", "/api/v1/logout", desk, null, "10.0.4.1").statusCode()).isEqualTo(200);
        assertThat(me(desk)).isEqualTo(401);
        assertThat(me(wall)).as("the wall screen's own session").isEqualTo(200);

        String phone = login("officer-so", "officer-so password", "10.0.4.3");
        HttpResponse<String> wrong = call("POST", "/api/v1/me/password", wall, new JsonObject().put("current", "not it at all")
                .put("password", "a fresh officer phrase"), "10.0.4.2");
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> changed = call("POST", "/api/v1/me/password", wall, new JsonObject().put("current", "officer-so password")
                .put("password", "a fresh officer phrase"), "10.0.4.2");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain("a fresh officer phrase");
        assertThat(me(wall)).isEqualTo(401);
        assertThat(me(phone)).isEqualTo(401);
        assertThat(me(new JsonObject(changed.body()).getString("token"))).as("the caller's new session").isEqualTo(200);
        assertThat(signIn("officer-so", "officer-so password", "10.0.4.2").statusCode()).isEqualTo(401);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndRefusesItsSignInsUntilEnabled() throws Exception {
        String id = account("officer-off", "officer");
        String token = login("officer-off", "officer-off password", "10.0.5.1");
        assertThat(call("POST", "/api/v1/accounts/" + id + "/disable", admin(), null, "10.0.0.1").statusCode()).isEqualTo(200);
        assertThat(me(token)).isEqualTo(401);
        HttpResponse<String> refused = signIn("officer-off", "officer-off password", "10.0.5.1");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"landlord.account.disabled\"").contains("已停用");
        assertThat(call("POST", "/api/v1/accounts/" + id + "/enable", admin(), null, "10.0.0.1").statusCode()).isEqualTo(200);
        assertThat(login("officer-off", "officer-off password", "10.0.5.1")).isNotNull();
    }

    @Test
    void aTokenCountsOnlyInTheAuthorizationHeaderAndTheStreamTakesASingleUseShortTicket() throws Exception {
        account("officer-st", "officer");
        String token = login("officer-st", "officer-st password", "10.0.6.1");
        assertThat(call("GET", "/api/v1/ports?token=" + token, null, null, "10.0.6.1").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/stream?token=" + token, null, null, "10.0.6.1").statusCode()).isEqualTo(401);

        String ticket = new JsonObject(call("POST", "/api/v1/stream/ticket", token, null, "10.0.6.1").body()).getString("ticket");
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port()
                + "/api/v1/stream?ticket=" + ticket)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(new String(stream.body().readNBytes(13))).isEqualTo(": connected\n\n");
        stream.body().close();
        assertThat(call("GET", "/api/v1/stream?ticket=" + ticket, null, null, "10.0.6.1").statusCode()).as("used").isEqualTo(401);

        String late = new JsonObject(call("POST", "/api/v1/stream/ticket", token, null, "10.0.6.1").body()).getString("ticket");
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(call("GET", "/api/v1/stream?ticket=" + late, null, null, "10.0.6.1").statusCode()).as("expired").isEqualTo(401);
        String tenantTicket = new JsonObject(call("POST", "/api/v1/stream/ticket", landlord, null, "10.0.0.1").body()).getString("ticket");
        assertThat(tenantTicket).as("a landlord gets none").isNull();
    }

    @Test
    void anOfficersSessionSlidesWhileUsedAndExpiresWhenIdle() throws Exception {
        account("officer-id", "officer");
        String used = login("officer-id", "officer-id password", "10.0.7.1");
        String idle = login("officer-id", "officer-id password", "10.0.7.2");
        for (int i = 0; i < 3; i++) {
            CLOCK.advance(Duration.ofMinutes(20));
            assertThat(me(used)).as("used every 20 minutes, after %d", i).isEqualTo(200);
            awaitRenewed(CLOCK.millis());
        }
        assertThat(me(idle)).as("idle for an hour").isEqualTo(401);
        assertThat(me(landlord)).as("a landlord's session lasts its working day").isEqualTo(200);
    }

    @Test
    void wrongPasswordsFromOneAddressSlowThatAddressWhileThePersonSignsInFromTheirOwn() throws Exception {
        account("officer-li", "officer");
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = signIn("officer-li", "guess number " + i, "203.0.113.66");
            assertThat(r.statusCode()).as("try %d: %s", i, r.body()).isIn(401, 429);
        }
        HttpResponse<String> attacker = signIn("officer-li", "officer-li password", "203.0.113.66");
        assertThat(attacker.statusCode()).as("even the right password waits, from there").isEqualTo(429);
        assertThat(login("officer-li", "officer-li password", "10.0.8.7")).as("the officer at her desk").isNotNull();

        // a flood of made-up names from one address is cut off cheaply after 30 wrong tries a minute
        int limited = 0;
        long began = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            if (signIn("nobody-" + i, "made up password " + i, "203.0.113.99").statusCode() == 429) {
                limited++;
            }
        }
        // the allowance refills at 30 a minute, one every 2 s: a slow (loaded) machine earns the flood that many more
        long refilled = (System.nanoTime() - began) / 2_000_000_000L + 1;
        assertThat(limited).isGreaterThanOrEqualTo((int) Math.max(1, 10 - refilled));
        assertThat(login("officer-li", "officer-li password", "10.0.8.7")).isNotNull();
    }

    @Test
    void madeUpNamesFromManyAddressesAtOnceAreAllToldWrongNotBusy() throws Exception {
        login("admin", TestPark.ADMIN_PASSWORD, "10.0.0.1"); // a hash timed: made-up names are answered in its time
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/api/v1/login"))
                    .header("X-Forwarded-For", "198.51.100." + (i + 1))
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("login", "made-up-" + i)
                            .put("password", "made up password " + i).encode())).build();
            flood.add(HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        }
        // they cost no hashing, so they cannot fill the hashing queue: each is told its login or password is wrong
        for (var answer : flood) {
            HttpResponse<String> r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("app.wrongLogin");
        }
    }

    @Test
    void theParksMetricsAreForThisMachineAndTheListedScraperNotTheInternetThroughTheProxy() throws Exception {
        HttpResponse<String> internet = call("GET", "/metrics", null, null, "203.0.113.5");
        assertThat(internet.statusCode()).as("through the proxy, from the Internet").isEqualTo(403);
        assertThat(new JsonObject(internet.body()).getString("code")).isEqualTo("park.metrics.notFromHere");
        assertThat(internet.body()).doesNotContain("anju_park");
        assertThat(call("GET", "/metrics", null, null, "10.0.0.9").statusCode()).as("the listed Prometheus").isEqualTo(200);
        HttpResponse<String> here = TestPark.call(bridge.port(), "GET", "/metrics", null, null);
        assertThat(here.statusCode()).as("this machine, no proxy").isEqualTo(200);
        assertThat(here.body()).contains("anju_park_events_stored_total");
    }
}
