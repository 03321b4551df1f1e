package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.TestPark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.vertx.core.json.JsonObject;

/**
 * The console over a park of 100 buildings and 2,000 ports, in Chinese, in Chromium: the park's
 * store is seeded directly with the last-known state 100 gateways would have reported (no gateway
 * runs), and the officer finds the buildings with problems through the overview's filter and pages.
 * Prints how long the console takes to its first render and to apply a burst of 2,000 live
 * readings, beside the same DOM built and updated by bare code in the same run (no timed assertion).
 */
@Tag("peer")
@Tag("wire")
class ConsoleOverviewTest {
    private static final int BUILDINGS = 100;
    private static final int PILES = 2;
    private static final int PORTS = 10;

    @TempDir
    Path dir;
    private ParkBridge bridge;
    private PageBrowser page;

    @BeforeEach
    void start() throws Exception {
        StringBuilder buildings = new StringBuilder("http: {port: 0}\nbuildings:\n");
        for (int b = 1; b <= BUILDINGS; b++) {
            buildings.append("  - {id: b%03d, name: 第%d栋, gateway: gw-b%03d, doors: [{id: entrance}], areas: [{id: shed, piles: [pile-1, pile-2]}]}\n"
                    .formatted(b, b, b));
        }
        bridge = TestPark.start(dir, buildings.toString(), Clock.systemUTC());
        seed(dir.resolve("park.db"));
        String admin = new JsonObject(TestPark.call(bridge.port(), "POST", "/api/v1/login", null, new JsonObject()
                .put("login", "admin").put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        assertThat(TestPark.call(bridge.port(), "POST", "/api/v1/accounts", admin, new JsonObject().put("login", "officer-li")
                .put("name", "李警官").put("password", "officer-li password").put("role", "officer").encode()).statusCode())
                .isEqualTo(201);
    }

    /**
     * What 100 gateways would have left in the store: every port's last reading (some charging,
     * building 7's piles held off by a fire and hot), every gateway online but three, and open alarms
     * in four buildings.
     */
    private static void seed(Path db) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            c.setAutoCommit(false);
            try (PreparedStatement g = c.prepareStatement("INSERT INTO gateway (id, online, session, seen_at) VALUES (?, ?, 1, ?)");
                 PreparedStatement p = c.prepareStatement("INSERT INTO port_state (gateway, pile, port, state, power_w, energy_wh,"
                         + " voltage_v, current_a, session_s, ts, temperature_c, held_for, held_since, held_by)"
                         + " VALUES (?, ?, ?, ?, ?, 0, 230, ?, 0, ?, ?, ?, ?, NULL)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO alarm (gateway, alarm_id, kind, severity, source, detail,"
                         + " state, raised_at, acknowledged_by, payload) VALUES (?, ?, ?, ?, ?, '', 'RAISED', ?, NULL, ?)")) {
                for (int b = 1; b <= BUILDINGS; b++) {
                    String gateway = "gw-b%03d".formatted(b);
                    g.setString(1, gateway);
                    g.setInt(2, b % 37 == 0 ? 0 : 1);
                    g.setLong(3, now);
                    g.addBatch();
                    for (int pile = 1; pile <= PILES; pile++) {
                        for (int port = 1; port <= PORTS; port++) {
                            boolean fire = b == 7 && pile == 1;
                            boolean charging = !fire && (b + pile + port) % 3 == 0;
                            p.setString(1, gateway);
                            p.setString(2, "pile-" + pile);
                            p.setInt(3, port);
                            p.setString(4, fire ? "Unavailable" : charging ? "Charging" : "Available");
                            p.setInt(5, charging ? 180 + port : 0);
                            p.setDouble(6, charging ? 0.8 : 0);
                            p.setLong(7, now);
                            p.setDouble(8, fire ? 61.4 : 28 + pile);
                            p.setString(9, fire ? "SMOKE_OR_FIRE" : null);
                            if (fire) {
                                p.setLong(10, now - 60_000);
                            } else {
                                p.setNull(10, java.sql.Types.BIGINT);
                            }
                            p.addBatch();
                        }
                    }
                }
                for (int b : new int[] {7, 21, 58, 90}) {
                    String gateway = "gw-b%03d".formatted(b);
                    boolean fire = b == 7;
                    String source = fire ? "area:shed" : "pile-2/4";
                    String kind = fire ? "FIRE" : "OVERLOAD";
                    String id = source + "/" + kind + "/" + (now - 60_000);
                    a.setString(1, gateway);
                    a.setString(2, id);
                    a.setString(3, kind);
                    a.setString(4, fire ? "FIRE" : "MAJOR");
                    a.setString(5, source);
                    a.setLong(6, now - 60_000);
                    a.setString(7, new JsonObject().put("id", id).put("kind", kind).put("severity", fire ? "FIRE" : "MAJOR")
                            .put("source", source).put("detail", "").put("raisedAt", java.time.Instant.ofEpochMilli(now - 60_000).toString())
                            .put("cause", fire ? new JsonObject().put("areaId", "shed").put("input", "shed-smoke").put("active", true)
                                    : new JsonObject().put("pileId", "pile-2").put("port", 4).put("watts", 966.6000000000001)
                                    .put("volts", 229.7)).encode());
                    a.addBatch();
                }
                g.executeBatch();
                p.executeBatch();
                a.executeBatch();
            }
            c.commit();
        }
    }

    @AfterEach
    void stop() {
        if (page != null) {
            page.close();
        }
        bridge.close();
    }

    @Test
    void anOfficerFindsTheBuildingsWithProblemsAmongAHundredAndTheConsoleKeepsUpWithABurst() throws Exception {
        page = new PageBrowser("http://127.0.0.1:" + bridge.port(), PageBrowser.Lang.ZH);
        page.driver.manage().window().setSize(PageBrowser.WALL);
        page.signIn("console.html", "officer-li", "officer-li password");
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(
                page.js("return performance.getEntriesByName('console:first-render').length > 0")));
        double firstRender = number(page.js("return performance.measure('first', 'console:signed-in', 'console:first-render').duration"));

        assertThat(page.text("#overview-totals")).contains("100 栋楼").contains("2000 个端口").contains("10 个断电保持")
                .contains("4 条告警").contains("2 个网关离线");
        assertThat(page.all("#overview > li")).hasSize(24);
        assertThat(page.text("#o-page")).isEqualTo("第 1 / 5 页");
        // problems first: the fire, then the overloads, then the gateways offline
        assertThat(page.all("#overview > li").get(0).getAttribute("data-building")).isEqualTo("b007");
        assertThat(page.text("#overview > li[data-building=b007]")).contains("10 断电").contains("1 告警").contains("61.4 °C");
        assertThat(page.all("#piles button.port")).hasSize(500);
        assertThat(page.text("#ports-count")).isEqualTo("显示 500 / 2000 个端口");
        WebElement fire = page.find("#alarms .alarm.FIRE");
        assertThat(fire.getText()).contains("火警信号 shed-smoke 触发").contains("b007 · shed");
        assertThat(fire.findElements(By.cssSelector(".cut-area"))).as("a fire alarm can cut its area").hasSize(1);
        assertThat(page.text("#alarms .alarm.MAJOR")).contains("967 W").doesNotContain("966.6");
        // the piles heating with nothing drawing go first
        assertThat(page.all("#piles .pile").get(0).getAttribute("data-pile")).isEqualTo("gw-b007|pile-1");
        page.assertNoEnglishShows("the console over 100 buildings", "shed");
        page.assertAccessible("the console over 100 buildings");
        page.shoot("console-park");

        page.js("const f = document.getElementById('o-problems'); f.click();");
        assertThat(page.all("#overview > li")).extracting(e -> e.getAttribute("data-building"))
                .containsExactly("b007", "b021", "b058", "b090", "b037", "b074");
        page.js("const f = document.getElementById('o-problems'); f.click();"
                + "const q = document.getElementById('o-filter'); q.value = 'b042'; q.dispatchEvent(new Event('input'));");
        assertThat(page.all("#overview > li")).extracting(e -> e.getAttribute("data-building")).containsExactly("b042");
        page.find("#overview > li[data-building=b042] button").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> page.all("#piles button.port").size() == PILES * PORTS);

        // a burst of live readings, through the console's own handler, against bare DOM updates of the same tiles
        page.find("#f-building option[value='']");
        page.js("const s = document.getElementById('f-building'); s.value = ''; s.dispatchEvent(new Event('change', { bubbles: true }));");
        await().atMost(Duration.ofSeconds(20)).until(() -> page.all("#piles button.port").size() == 500);
        double burst = number(page.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const shown = [...ports.values()];
                const t0 = performance.now();
                for (let i = 0; i < 2000; i++) {
                  const p = shown[i % shown.length];
                  portReading({ type: 'port.reading', gateway: p.gateway, ts: Date.now(), payload: { pile: p.pile, port: p.port,
                    state: 'Charging', powerW: 100 + i % 400, temperatureC: 30 + (i % 50) / 10, voltageV: 230, currentA: 1,
                    energyWh: i, sessionSeconds: i } });
                }
                requestAnimationFrame(() => { document.body.offsetHeight; done(performance.now() - t0); });
                """));
        assertThat(page.all("#piles button.port.Charging")).hasSize(500);
        assertThat(page.text("#piles")).doesNotContain("undefined").doesNotContain("NaN");

        Map<?, ?> reference = (Map<?, ?>) page.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const t0 = performance.now();
                const box = document.createElement('div');
                const tiles = [];
                for (let i = 0; i < 500; i++) {
                  const b = document.createElement('button');
                  b.className = 'port Available';
                  for (const c of ['t-state', 't-power', 't-temp', 't-held', 't-when', 't-stale']) {
                    const s = document.createElement('span'); s.className = c; s.textContent = c; b.append(s);
                  }
                  tiles.push(b);
                  box.append(b);
                }
                document.getElementById('piles').after(box);
                box.offsetHeight;
                const built = performance.now() - t0;
                const t1 = performance.now();
                for (let i = 0; i < 2000; i++) {
                  const b = tiles[i % 500];
                  b.className = 'port Charging';
                  b.children[1].textContent = (100 + i % 400) + ' W';
                  b.children[2].textContent = (30 + (i % 50) / 10).toFixed(1) + ' °C';
                }
                requestAnimationFrame(() => { box.offsetHeight; const updated = performance.now() - t1; box.remove();
                  done({ built, updated }); });
                """);
        System.out.printf("console over %d buildings, %d ports (500 tiles shown): first render %.0f ms after sign-in"
                        + " (reference: the same 500 tiles built by bare DOM code %.0f ms); a burst of 2,000 live readings"
                        + " applied in %.0f ms (reference: the same 2,000 updates by bare DOM code %.0f ms)%n",
                BUILDINGS, BUILDINGS * PILES * PORTS, firstRender, number(reference.get("built")), burst,
                number(reference.get("updated")));
    }

    /**
     * An alarm storm: more open alarms than one page of the alarms API holds (500), and cleared ones
     * beside them. The console follows the pages and shows every open alarm, the fire still first.
     */
    @Test
    void theConsoleShowsEveryOpenAlarmOfAStormLongerThanAPage() throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("park.db"))) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("INSERT INTO alarm (gateway, alarm_id, kind, severity, source, detail,"
                    + " state, raised_at, acknowledged_by, payload) VALUES (?, ?, 'OVER_TEMPERATURE', 'WARNING', ?, '', ?, ?, NULL, ?)")) {
                for (int n = 0; n < 640; n++) {
                    String gateway = "gw-b%03d".formatted(1 + n % BUILDINGS);
                    String id = "pile-1/" + (1 + n % PORTS) + "/OVER_TEMPERATURE/" + n;
                    boolean cleared = n % 16 == 0;
                    a.setString(1, gateway);
                    a.setString(2, id);
                    a.setString(3, "pile-1/" + (1 + n % PORTS));
                    a.setString(4, cleared ? "CLEARED" : "RAISED");
                    a.setLong(5, now - 1_000 * n);
                    JsonObject payload = new JsonObject().put("id", id).put("kind", "OVER_TEMPERATURE").put("severity", "WARNING")
                            .put("source", "pile-1/" + (1 + n % PORTS)).put("detail", "").put("raisedAt", now - 1_000 * n);
                    a.setString(6, (cleared ? payload.put("clearedAt", now) : payload).encode());
                    a.addBatch();
                }
                a.executeBatch();
            }
            c.commit();
        }
        page = new PageBrowser("http://127.0.0.1:" + bridge.port(), PageBrowser.Lang.ZH);
        page.driver.manage().window().setSize(PageBrowser.WALL);
        page.signIn("console.html", "officer-li", "officer-li password");
        // the four seeded with the park, and the storm's 640 but its 40 cleared
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(page.all("#alarms .alarm").size()).isEqualTo(604));
        assertThat(page.all("#alarms .alarm").get(0).getAttribute("class")).contains("FIRE");
        assertThat(page.all("#alarms .alarm.MAJOR")).as("three gateways' overloads with one id are three alarms").hasSize(3);
        assertThat(page.all("#alarms .alarm.WARNING")).hasSize(600);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
