package org.anju.agent.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.anju.agent.store.OutboxEvent;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.wiegand.WiegandCodec;
import org.anju.protocol.wiegand.WiegandFormat;
import org.anju.protocol.wiegand.WiegandResult;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A day in building 7, step by step, each one line on the terminal with its outcome: people act
 * through the park's API (as the apps do) and at the hardware (a card at a reader, the lobby
 * turnstile, lift A's buttons, a bike at a pile, smoke in the shed); each step says what was
 * expected and whether it happened.
 */
public final class DemoDay {
    /** How fast the day's thermal runaway heats its pile, degC per minute of the pile's time. */
    static final double RUNAWAY_C_PER_MINUTE = 3.0;
    private final DemoWorld world;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private int passed;
    private int failed;
    String admin;
    public String landlord;
    String officer;
    public JsonObject liWei;
    /** The courier's guest link Li Wei issued (spent once it opened the entrance). */
    String guestLink;
    JsonObject zhangMin;
    JsonObject chenJie;
    /** The passwords the renters chose with their invitations (the demo prints them so a person can sign in as them). */
    public static final String LI_WEI_PASSWORD = "li wei likes tea";
    static final String ZHANG_MIN_PASSWORD = "zhang min rides home";

    public DemoDay(DemoWorld world, PrintStream out) {
        this.world = world;
        this.out = out;
    }

    /** Seeds the park: accounts, a landlord with the building, two renters. */
    public void seed() throws Exception {
        admin = login("admin", world.adminPassword);
        step("06:00", "the park admin creates landlord Wang and fire safety officer Li", () -> {
            String wang = call("POST", "/api/v1/accounts", admin, account("wang", "landlord")).getString("account");
            call("POST", "/api/v1/accounts", admin, account("officer-li", "officer"));
            call("PUT", "/api/v1/landlords/" + wang + "/buildings/b07", admin, null);
            landlord = login("wang", "wang demo password");
            officer = login("officer-li", "officer-li demo password");
            awaitTrue(Duration.ofSeconds(30), () -> gatewayOnline());
            return "done, gateway gw-demo-b07 online";
        });
        step("06:05", "Wang registers renter Li Wei in room 301, card 3:1001; she sets her password", () -> {
            liWei = register("Li Wei", "301", "13800138000", "11010519491231002X", "3:1001");
            accept(liWei, LI_WEI_PASSWORD);
            return applied(liWei);
        });
        step("06:06", "Wang registers renter Zhang Min in room 302, card 3:1002; she sets hers", () -> {
            zhangMin = register("Zhang Min", "302", "13900139000", "110101199003074477", "3:1002");
            accept(zhangMin, ZHANG_MIN_PASSWORD);
            return applied(zhangMin);
        });
    }

    void play() throws Exception {
        String li = login(liWei.getJsonObject("tenant").getString("login"), LI_WEI_PASSWORD);
        // the entrance's maglock is on a GPIO relay, which cannot report its bolt: the gateway says "sent", not "opened"
        step("07:30", "Li Wei taps 'entrance' on her phone", () -> expect(open(li, "entrance"), "sent"));
        step("07:45", "Zhang Min holds card 3:1002 to the entrance reader", () -> {
            present(DemoWorld.READER_D0, DemoWorld.READER_D1, 3, 1002,
                    () -> hasEvent("door.access_granted", zhangMin.getJsonObject("tenant").getString("account")));
            return "access granted by the gateway's own roster";
        });
        step("07:50", "Li Wei comes home through the lobby gate (card 3:1001): counted in", () -> {
            present(DemoWorld.GATE_IN_D0, DemoWorld.GATE_IN_D1, 3, 1001, () -> hasEvent("gate.passage", "\"direction\":\"in\""));
            return "through the turnstile, building 7 counts " + inside() + " inside";
        });
        step("07:51", "she holds her card to the reader in lift A: only floors 1 and 3 call the car", () -> {
            present(DemoWorld.LIFT_D0, DemoWorld.LIFT_D1, 3, 1001, () -> world.lift.works(3));
            boolean others = world.lift.works(2) || world.lift.works(4);
            return !others && world.lift.press(3) && !world.lift.press(4) ? "floor 3 pressed, the car goes; floor 4 stays dead"
                    : fail("floors 2 or 4 work too");
        });
        step("07:52", "a second entry with the same card, without leaving: anti-passback refuses it", () -> {
            present(DemoWorld.GATE_IN_D0, DemoWorld.GATE_IN_D1, 3, 1001, () -> hasEvent("gate.access_denied", "ANTI_PASSBACK"));
            return "refused, still " + inside() + " inside";
        });
        step("09:00", "Wang registers Chen Jie, who opens room 301 from her phone", () -> {
            chenJie = register("Chen Jie", "301", "13700137000", org.anju.bridge.park.privacy.IdNumber.sample(1), "3:1003");
            applied(chenJie); // the gateway holds her record before she tries the door
            String token = accept(chenJie, "chen jie moved in today");
            return expect(open(token, "room-301"), "opened");
        });
        step("09:05", "Chen Jie taps 'take me home' for lift A on her phone: floor 3 calls the car", () -> {
            String chen = login(chenJie.getJsonObject("tenant").getString("login"), "chen jie moved in today");
            return expect(call("POST", "/api/v1/lifts/b07/lift-a/home", chen, null), "enabled");
        });
        step("09:10", "Wang tries to register a new renter with Li Wei's card 3:1001: refused", () -> {
            JsonObject refused = register("Wu Lei", "302", "13600136000", org.anju.bridge.park.privacy.IdNumber.sample(2), "3:1001");
            JsonObject problem = refused.getJsonArray("problems", new io.vertx.core.json.JsonArray()).size() == 1
                    ? refused.getJsonArray("problems").getJsonObject(0) : new JsonObject();
            return "landlord.cards.held".equals(problem.getString("code")) && problem.getString("text", "").contains("301")
                    ? "refused: " + problem.getString("text") : fail("not refused: " + refused.encode());
        });
        step("12:00", "Wang ends Zhang Min's lease; her phone can no longer open room 302", () -> {
            JsonObject ended = call("DELETE", "/api/v1/leases/" + zhangMin.getJsonObject("lease").getString("id"), landlord, null);
            String zhang = login(zhangMin.getJsonObject("tenant").getString("login"), ZHANG_MIN_PASSWORD);
            JsonObject refused = open(zhang, "room-302");
            return ended.getJsonArray("gateways").getJsonObject(0).getBoolean("applied") && !"opened".equals(refused.getString("result"))
                    ? "the gateway applied it; the open is refused" : fail("lease end " + ended + ", open " + refused);
        });
        step("12:30", "Wang ends Chen Jie's lease while a backup job holds the gateway's database", () -> {
            long denied = count("door.access_denied");
            long t0 = System.nanoTime();
            CompletableFuture<Void> released = holdDatabase(world.gatewayDatabase(), Duration.ofSeconds(3));
            JsonObject ended = call("DELETE", "/api/v1/leases/" + chenJie.getJsonObject("lease").getString("id"), landlord, null);
            JsonObject at = ended.getJsonArray("gateways").getJsonObject(0);
            released.join();
            if (!at.getBoolean("applied")) {
                fail("the end is " + at.getString("state") + ": " + at.getString("detail"));
            }
            double waited = (System.nanoTime() - t0) / 1e9;
            present(DemoWorld.READER_D0, DemoWorld.READER_D1, 3, 1003, () -> count("door.access_denied") > denied);
            return String.format(java.util.Locale.ROOT, "the gateway waited out its busy database and applied the end"
                    + " (roster %d, %.1f s); her card 3:1003 is refused at the entrance", at.getLong("rosterVersion"), waited);
        });
        step("17:00", "Li Wei gives a courier a guest pass for one use: its link opens the entrance once, then no more", () -> {
            JsonObject pass = call("POST", "/api/v1/me/guest-passes", li, new JsonObject().put("label", "courier")
                    .put("hours", 2).put("uses", 1)).getJsonObject("pass");
            if (pass == null) {
                return fail("no pass issued");
            }
            guestLink = pass.getString("link");
            String token = guestLink.substring(guestLink.indexOf("#guest=") + "#guest=".length());
            // the pass goes to the gateway in the building's roster; until the gateway has it, it opens nothing
            awaitTrue(Duration.ofSeconds(30), () -> "active".equals(guestPass(li, pass.getString("id")).getString("state")));
            JsonObject first = call("POST", "/api/v1/guest/" + token + "/doors/entrance/open", null, null);
            JsonObject again = call("POST", "/api/v1/guest/" + token + "/doors/entrance/open", null, null);
            return "sent".equals(first.getString("result")) && !"sent".equals(again.getString("result"))
                    ? "opened once (code " + pass.getString("code") + " works at the keypad too); the second try: "
                    + again.getString("error", again.getString("message", again.getString("result")))
                    : fail(first.encode() + " then " + again.encode());
        });
        step("18:00", "three e-bikes plug in at pile-1 ports 1-3 and charge", () -> {
            world.pile1.plugIn(1, new Bike(960, 0.97, 180));
            world.pile1.plugIn(2, Bike.TYPICAL);
            world.pile1.plugIn(3, Bike.TYPICAL);
            for (int p = 1; p <= 3; p++) {
                world.pile1.switchRelay(p, true);
            }
            awaitTrue(Duration.ofSeconds(30), () -> count("charging.session_started") >= 3);
            return "3 sessions started, metered from the piles' counters";
        });
        step("19:10", "port 1's battery is full: the gateway cuts it and ends the session", () -> {
            awaitTrue(Duration.ofSeconds(90), () -> hasEvent("charging.session_ended", "FULL"));
            return "session ended FULL";
        });
        step("19:20", "Li Wei starts the metered socket from her phone, to stop at 1 kWh; she unplugs", () -> {
            world.shed.plugIn(1, Bike.TYPICAL);
            JsonObject started = call("POST", "/api/v1/charging/b07/sockets/1/start", li, new JsonObject().put("maxEnergyWh", 1000));
            if (!started.getString("reason", "").contains("stops at 1000 Wh")) {
                return fail(started.encode());
            }
            awaitTrue(Duration.ofSeconds(30), () -> hasEvent("charging.session_started", liWei.getJsonObject("tenant")
                    .getString("account")));
            // a socket has no plug sensor: the gateway sees the bike go by its power, ends the charge, switches it off
            world.shed.unplug(1);
            awaitTrue(Duration.ofSeconds(30), () -> hasEvent("charging.session_ended", "UNPLUGGED")
                    && !world.shed.relayBoardOf(1).closed(1));
            return "her charge (the gateway enforces her 1 kWh), ended UNPLUGGED by its power, the socket switched off";
        });
        step("20:30", "a battery on pile-2 port 4 starts a thermal runaway: flagged before the cut", () -> {
            world.pile2.plugIn(4, Bike.TYPICAL);
            world.pile2.switchRelay(4, true);
            awaitTrue(Duration.ofSeconds(30), () -> count("charging.session_started") >= 4);
            world.pile2.thermalRunaway(4, RUNAWAY_C_PER_MINUTE);
            awaitTrue(Duration.ofSeconds(90), () -> hasEvent("alarm.raised", "OVER_TEMPERATURE"));
            List<OutboxEvent> alarms = events().stream().filter(e -> e.type().equals("alarm.raised")).toList();
            int warning = indexOf(alarms, "TEMPERATURE_RISING", "BATTERY_ANOMALY", "TEMPERATURE_HIGH");
            int cut = indexOf(alarms, "OVER_TEMPERATURE");
            return warning >= 0 && warning < cut ? "warned (" + kindOf(alarms.get(warning)) + ") before the over-temperature cut"
                    : fail("no warning before the cut");
        });
        step("20:35", "officer Li acknowledges the open alarms on the console", () -> {
            awaitTrue(Duration.ofSeconds(20), () -> !openAlarms().isEmpty());
            int acked = 0;
            for (Object o : openAlarms()) {
                JsonObject a = (JsonObject) o;
                if ("RAISED".equals(a.getString("state"))
                        && "acknowledged".equals(call("POST", "/api/v1/alarms/acknowledge", officer, new JsonObject()
                        .put("gateway", a.getString("gateway")).put("alarm", a.getString("id"))).getString("result"))) {
                    acked++;
                }
            }
            return acked > 0 ? acked + " acknowledged" : fail("nothing acknowledged");
        });
        step("21:00", "smoke in the bike shed: every port cut, the shed gate released", () -> {
            world.gateway.gpioSimulator().orElseThrow().driveInput(DemoWorld.SMOKE_PIN, false);
            awaitTrue(Duration.ofSeconds(20), () -> allPortsOff() && hasEvent("door.fire_released", "shed-gate")
                    && hasEvent("charging.cut_completed", "\"result\":\"OFF\""));
            return "all 21 ports (the piles' and the socket) off and read back off by the gateway, shed gate released";
        });
        step("21:01", "the fire alarm is at the top of the officer's console", () -> {
            awaitTrue(Duration.ofSeconds(20), () -> !openAlarms().isEmpty()
                    && "FIRE".equals(openAlarms().getJsonObject(0).getString("severity")));
            return "FIRE first, " + openAlarms().size() + " open";
        });
        step("21:01", "lift A releases every floor button and the lobby gate turns free", () -> {
            awaitTrue(Duration.ofSeconds(10), () -> IntStream.rangeClosed(1, 4).allMatch(world.lift::works) && world.lane.free());
            return "floors 1-4 call the car, the turnstile turns both ways";
        });
        step("21:02", "beside building 7 the officer sees who is inside, named only now", () -> {
            awaitTrue(Duration.ofSeconds(20), () -> occupancy().getBoolean("fire", false));
            JsonObject b = occupancy();
            String names = b.getJsonArray("people").stream().map(p -> ((JsonObject) p).getString("name") + " (" + ((JsonObject) p)
                    .getString("room") + ")").collect(java.util.stream.Collectors.joining(", "));
            return names.contains("Li Wei") ? b.getInteger("inside") + " inside: " + names : fail("no Li Wei in " + b.encode());
        });
        step("21:30", "the smoke clears; officer Li restores lift A, whose floors go back to cards", () -> {
            world.gateway.gpioSimulator().orElseThrow().driveInput(DemoWorld.SMOKE_PIN, true);
            awaitTrue(Duration.ofSeconds(20), () -> occupancy().getJsonArray("lifts").stream()
                    .anyMatch(l -> "input-cleared".equals(((JsonObject) l).getString("state"))));
            JsonObject restored = call("POST", "/api/v1/lifts/b07/lift-a/restore", officer, null);
            return "restored".equals(restored.getString("result")) && !world.lift.works(2) && !occupancy().containsKey("people")
                    ? "restored; the list of who was inside is gone from the park" : fail(restored.encode());
        });
        step("21:35", "officer Li restores the bike shed's power, after confirming on the console what it switches on", () -> {
            JsonObject restored = call("POST", "/api/v1/areas/b07/bike-shed/restore", officer, null);
            if ("restoring".equals(restored.getString("result"))) {
                awaitTrue(Duration.ofSeconds(20), () -> hasEvent("charging.area_restored", "bike-shed"));
            } else if (!"restored".equals(restored.getString("result"))) {
                return fail(restored.encode());
            }
            // the fire's and the cut's holds go; a pile still too hot from the runaway keeps its own
            awaitTrue(Duration.ofSeconds(20), () -> heldPorts(java.util.Set.of("SMOKE_OR_FIRE", "OFFICER_CUT")) == 0);
            long hot = heldPorts(java.util.Set.of("OVER_TEMPERATURE"));
            return "the gateway released the fire's holds; no port shows held off for it on the console"
                    + (hot > 0 ? " (" + hot + " ports of the overheated pile-2 stay held until it cools)" : "");
        });
        step("21:40", "Li Wei scans the QR label on pile-1 port 5 with her phone and charges there", () -> {
            JsonObject labels = call("GET", "/api/v1/buildings/b07/areas/bike-shed/labels", landlord, null);
            String url = labels.getJsonArray("labels").stream().map(o -> (JsonObject) o)
                    .filter(l -> "pile-1".equals(l.getString("pile")) && l.getInteger("port") == 5)
                    .map(l -> l.getString("url")).findFirst().orElse(null);
            if (url == null) {
                return fail("no label for pile-1 port 5: " + labels.encode());
            }
            world.pile1.plugIn(5, Bike.TYPICAL);
            // the label's address selects the port (tenant.html#charge=b07/pile-1/5); her Start asks the park for it
            String port = url.substring(url.indexOf("#charge=") + "#charge=".length());
            awaitTrue(Duration.ofSeconds(30), () -> java.util.Set.of("started", "starting").contains(start(li, port)));
            awaitTrue(Duration.ofSeconds(30), () -> hasEvent("charging.session_started", "\"port\":5"));
            return "label " + url + " read; charging at pile-1 port 5, in her list of sessions";
        });
    }

    /** The guest pass a tenant issued, as her page lists it (its state against what the gateway confirmed). */
    private JsonObject guestPass(String tenant, String id) {
        try {
            return call("GET", "/api/v1/me/guest-passes", tenant, null).getJsonArray("passes").stream().map(o -> (JsonObject) o)
                    .filter(p -> id.equals(p.getString("id"))).findFirst().orElse(new JsonObject());
        } catch (Exception e) {
            return new JsonObject();
        }
    }

    /** Ports of building 7 the park shows held off at the gateway for one of {@code reasons}. */
    private long heldPorts(java.util.Set<String> reasons) {
        try {
            return call("GET", "/api/v1/ports?building=b07&limit=2000", officer, null).getJsonArray("ports").stream()
                    .map(o -> ((JsonObject) o).getJsonObject("hold"))
                    .filter(h -> h != null && reasons.contains(h.getString("reason"))).count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** What her phone's Start on a port answers: started, starting (waiting for the pile), or why not. */
    private String start(String tenant, String port) {
        try {
            return call("POST", "/api/v1/charging/" + port + "/start", tenant, new JsonObject()).getString("result", "");
        } catch (Exception e) {
            return "park-offline";
        }
    }

    boolean allPassed() {
        return failed == 0 && passed > 0;
    }

    String summary() {
        return passed + " of " + (passed + failed) + " steps as expected";
    }

    // ------------------------------------------------------------------ steps and checks

    @FunctionalInterface
    interface Check {
        String run() throws Exception;
    }

    private void step(String clock, String what, Check check) {
        long t0 = System.nanoTime();
        String outcome;
        boolean ok;
        try {
            outcome = check.run();
            ok = true;
        } catch (Exception | AssertionError e) {
            outcome = e.getMessage();
            ok = false;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        out.printf("%s  %-74s %s %s (%.1f s)%n", clock, what, ok ? "✓" : "✗", outcome, seconds);
        out.flush();
    }

    /**
     * A second writer on the gateway's database for {@code hold} (a backup job, an installer with
     * sqlite3): it takes the write lock, keeps it, lets go. Returns once the lock is held; the
     * future completes when it is let go.
     */
    private static CompletableFuture<Void> holdDatabase(java.nio.file.Path file, Duration hold) throws Exception {
        CompletableFuture<Void> held = new CompletableFuture<>();
        CompletableFuture<Void> released = new CompletableFuture<>();
        Thread backup = new Thread(() -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                 java.sql.Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("BEGIN IMMEDIATE");
                held.complete(null);
                LockSupport.parkNanos(hold.toNanos());
                s.execute("COMMIT");
                released.complete(null);
            } catch (java.sql.SQLException e) {
                held.completeExceptionally(e);
                released.completeExceptionally(e);
            }
        }, "demo-backup-job");
        backup.setDaemon(true);
        backup.start();
        held.get(10, java.util.concurrent.TimeUnit.SECONDS);
        return released;
    }

    private static String fail(String why) {
        throw new IllegalStateException(why);
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not within " + limit.toSeconds() + " s");
            }
            LockSupport.parkNanos(100_000_000);
        }
    }

    private static String expect(JsonObject reply, String result) {
        return result.equals(reply.getString("result")) ? result : fail(reply.encode());
    }

    private static String applied(JsonObject registration) {
        JsonObject g = registration.getJsonArray("gateways").getJsonObject(0);
        return g.getBoolean("applied") ? "login " + registration.getJsonObject("tenant").getString("login")
                + ", on the gateway (roster " + g.getLong("rosterVersion") + ")" : fail("not applied: " + g.getString("detail"));
    }

    private JsonObject account(String login, String role) {
        return new JsonObject().put("login", login).put("name", login).put("password", login + " demo password").put("role", role);
    }

    public JsonObject register(String name, String room, String phone, String idNumber, String card) throws Exception {
        return call("POST", "/api/v1/leases", landlord, new JsonObject().put("building", "b07").put("room", room)
                .put("name", name).put("phone", phone).put("idNumber", idNumber).put("cards", new JsonArray().add(card))
                .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z"));
    }

    /**
     * The renter's first sign-in on her phone: the landlord's invitation code and the password she
     * chooses (the landlord never learns it); her token.
     */
    String accept(JsonObject registration, String password) throws Exception {
        String code = registration.getJsonObject("tenant").getJsonObject("invitation").getString("code");
        JsonObject signedIn = call("POST", "/api/v1/invitations/redeem", null, new JsonObject().put("code", code)
                .put("password", password));
        return signedIn.containsKey("token") ? signedIn.getString("token") : fail("invitation not accepted: " + signedIn.encode());
    }

    private JsonObject open(String token, String door) throws Exception {
        return call("POST", "/api/v1/doors/b07/" + door + "/open", token, null);
    }

    private boolean gatewayOnline() {
        try {
            return call("GET", "/api/v1/gateways", admin, null).getJsonArray("gateways").stream().map(JsonObject.class::cast)
                    .anyMatch(g -> g.getBoolean("online"));
        } catch (Exception e) {
            return false;
        }
    }

    /** Building 7 as the officer's console gets it: its count, its lifts, and the people inside during a fire. */
    private JsonObject occupancy() {
        try {
            return call("GET", "/api/v1/occupancy", officer, null).getJsonArray("buildings").getJsonObject(0);
        } catch (Exception e) {
            return new JsonObject();
        }
    }

    private int inside() {
        return world.gateway.occupancy().get(0).inside();
    }

    private JsonArray openAlarms() {
        try {
            return call("GET", "/api/v1/alarms", officer, null).getJsonArray("alarms");
        } catch (Exception e) {
            return new JsonArray();
        }
    }

    /**
     * A card held to a reader as a person holds it: again, three times at most, if the reader did not
     * take it within 5 s (a stall of a loaded machine between two bits splits the frame into misreads).
     */
    private void present(int d0, int d1, int facility, int number, BooleanSupplier taken) {
        for (int attempt = 0; attempt < 3; attempt++) {
            swipe(d0, d1, facility, number);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                if (taken.getAsBoolean()) {
                    return;
                }
                LockSupport.parkNanos(100_000_000);
            }
        }
        throw new IllegalStateException("not taken in three tries of 5 s");
    }

    private void swipe(int facility, int number) {
        swipe(DemoWorld.READER_D0, DemoWorld.READER_D1, facility, number);
    }

    private void swipe(int d0, int d1, int facility, int number) {
        var gpio = world.gateway.gpioSimulator().orElseThrow();
        for (boolean bit : WiegandCodec.encode(new WiegandResult.Card(WiegandFormat.H10301, facility, number))) {
            int pin = bit ? d1 : d0;
            gpio.driveInput(pin, false);
            gpio.driveInput(pin, true);
        }
    }

    private boolean allPortsOff() {
        for (int p = 1; p <= 10; p++) {
            if (world.pile1.port(p).relayClosed() || world.pile2.port(p).relayClosed()) {
                return false;
            }
        }
        return !world.shed.relayBoardOf(1).closed(1);
    }

    private List<OutboxEvent> events() {
        return world.gateway.outbox().after(0, 100_000).join();
    }

    private boolean hasEvent(String type, String text) {
        return events().stream().anyMatch(e -> e.type().equals(type) && e.payload().contains(text));
    }

    private long count(String type) {
        return events().stream().filter(e -> e.type().equals(type)).count();
    }

    private static int indexOf(List<OutboxEvent> alarms, String... kinds) {
        for (int i = 0; i < alarms.size(); i++) {
            for (String k : kinds) {
                if (alarms.get(i).payload().contains("\"kind\":\"" + k + "\"")) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String kindOf(OutboxEvent alarm) {
        return new JsonObject(alarm.payload()).getJsonObject("alarm").getString("kind");
    }

    public String login(String login, String password) throws Exception {
        return call("POST", "/api/v1/login", null, new JsonObject().put("login", login).put("password", password)).getString("token");
    }

    private JsonObject call(String method, String path, String token, JsonObject body) throws Exception {
        // the day is told in English, so the park's answers it quotes are asked for in English
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(world.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept-Language", "en");
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }
}
