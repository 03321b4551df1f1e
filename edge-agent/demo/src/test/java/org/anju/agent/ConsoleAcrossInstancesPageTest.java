package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.PostgresServer;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.GatewayUplink;

import io.vertx.core.json.JsonObject;

/**
 * Two bridge instances of one park on one PostgreSQL and one Mosquitto, in Debian's headless
 * Chromium, in Chinese: an officer's console connected to instance A shows, without a reload, the
 * FIRE alarm a building's gateway sent and instance B ingested. A is given a broker address it can
 * never reach, so B is the only instance that can have taken the gateway's batch; what A's console
 * shows of it came through the store's LISTEN/NOTIFY fan-out. The gateway is the real uplink over
 * an outbox in memory, woken by the alarm's commit as the agent's outbox wakes it. Prints how long
 * the card took from the wake (the uplink publishes at once) to showing in the page, measured by
 * the page's own clock; issue 21 asks for within a second, a figure reported, not asserted.
 */
@Tag("peer")
@Tag("wire")
class ConsoleAcrossInstancesPageTest {
    private static final String BUILDINGS = "[{id: b07, name: 7号楼, gateway: gw-b07, gatewayKeyFile: gateway.pub.pem,"
            + " areas: [{id: shed, piles: [pile-1]}]}]";

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    @Test
    void aFireAlarmInstanceBIngestedShowsOnAConsoleAtInstanceAWithoutAReload() throws Exception {
        PostgresServer pg = closer.keep(PostgresServer.start());
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge a = closer.keep(TestPark.onPostgres(dir.resolve("bridge-a"), "bridge-a", "tcp://park-broker.invalid", pg,
                BUILDINGS));
        ParkBridge b = closer.keep(TestPark.onPostgres(dir.resolve("bridge-b"), "bridge-b", broker.uri(), pg, BUILDINGS));
        await().atMost(Duration.ofSeconds(30)).until(b::brokerConnected);
        assertThat(a.brokerConnected()).as("A never reaches a broker").isFalse();

        String admin = new JsonObject(TestPark.call(a.port(), "POST", "/api/v1/login", null, new JsonObject()
                .put("login", "admin").put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        var officer = TestPark.call(a.port(), "POST", "/api/v1/accounts", admin, new JsonObject().put("login", "officer-li")
                .put("name", "李警官").put("password", "officer-li password").put("role", "officer").encode());
        assertThat(officer.statusCode()).as(officer.body()).isEqualTo(201);

        // building 7's gateway comes online: its birth reaches B only
        InMemoryOutbox outbox = closer.keep(new InMemoryOutbox());
        GatewayUplink uplink = closer.keep(Uplinks.builder(Uplinks.config(broker.uri(), new Topics("huaqiao", "gw-b07")))
                .outbox(outbox).sessions(Uplinks.sessions()).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> gatewayOnline(a, admin));

        PageBrowser page = closer.keep(new PageBrowser("http://127.0.0.1:" + a.port(), PageBrowser.Lang.ZH));
        page.driver.manage().window().setSize(PageBrowser.WALL);
        page.signIn("console.html", "officer-li", "officer-li password");
        await().atMost(Duration.ofSeconds(20)).until(() -> "console.live".equals(page.find("#live").getAttribute("data-state")));
        assertThat(page.all("#alarms .alarm")).isEmpty();
        // a reload would forget both; the page notes by its own clock when the fire's card is first in it
        page.js("""
                window.sameLoad = true;
                new MutationObserver((changes, seen) => {
                  if (document.querySelector('#alarms .alarm.FIRE')) { window.fireShownAt = Date.now(); seen.disconnect(); }
                }).observe(document.getElementById('alarms'), { childList: true, subtree: true, attributes: true });
                """);

        // the shed's smoke detector trips: the gateway commits the alarm and its outbox wakes the uplink
        Instant raised = Instant.now();
        long wokenAt = System.currentTimeMillis();
        outbox.append(Priority.ALARM, "alarm.raised", fireInShed(raised));
        uplink.wake(Priority.ALARM);

        WebElement fire = page.find("#alarms .alarm.FIRE");
        long shownAt = ((Number) page.js("return window.fireShownAt")).longValue();
        System.out.printf("FIRE alarm ingested by B shown at A's console in %d ms (from the gateway's uplink woken with it"
                + " to its card in the page)%n", shownAt - wokenAt);
        assertThat(fire.getText()).contains("火警 · b07 · shed").contains("火警信号 shed-smoke 触发").contains("尚未确认");
        assertThat(fire.getAttribute("class")).contains("RAISED").contains("flash");
        assertThat(fire.findElement(By.cssSelector("button.ack")).isDisplayed()).as("it can be acknowledged").isTrue();
        assertThat(fire.findElements(By.cssSelector("button.cut-area"))).as("its area can be cut from it").hasSize(1);
        assertThat(page.js("return document.getElementById('announce').textContent")).asString()
                .as("announced as news").isEqualTo("新告警：火警，b07 · shed");
        assertThat(page.js("return window.sameLoad")).as("the page was not loaded again").isEqualTo(true);

        // B stored it, and the gateway was told so: delivered end to end
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.unacknowledgedCount() == 0);
        assertThat(pg.value("SELECT string_agg(received_by, ',') FROM event WHERE gateway = 'gw-b07' AND type = 'alarm.raised'"))
                .as("the instance that stored the alarm").isEqualTo("bridge-b");

        // the totals are read again from the store shortly after (not news): A counts the alarm B stored
        await().atMost(Duration.ofSeconds(20)).until(() -> page.text("#overview-totals").contains("1 条告警"));
        assertThat(page.text("#overview > li[data-building=b07]")).contains("b07 · 7号楼").contains("1 告警");

        page.assertNoEnglishShows("the console at A with the fire B ingested", "shed", "shed-smoke");
        page.assertAccessible("the console at A with the fire B ingested");
        page.shoot("console-across-instances");
        page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
    }

    /** What the agent records when a charging area's fire input trips: {@code alarm.raised} with the alarm, its cause the input. */
    private static String fireInShed(Instant at) {
        String id = "area:shed/FIRE/" + at.toEpochMilli();
        return new JsonObject().put("alarm", new JsonObject().put("id", id).put("kind", "FIRE").put("severity", "FIRE")
                .put("errorCode", "OTHER_ERROR").put("source", "area:shed")
                .put("detail", "fire input shed-smoke active in charging area shed: every port commanded off")
                .put("cause", new JsonObject().put("areaId", "shed").put("input", "shed-smoke").put("at", at.toString())
                        .put("active", true))
                .put("raisedAt", at.toString()).putNull("acknowledgedBy").putNull("acknowledgedAt").putNull("clearedAt"))
                .encode();
    }

    private static boolean gatewayOnline(ParkBridge bridge, String token) throws Exception {
        var answer = TestPark.call(bridge.port(), "GET", "/api/v1/gateways", token, null);
        return answer.statusCode() == 200 && new JsonObject(answer.body()).getJsonArray("gateways").stream()
                .map(JsonObject.class::cast).anyMatch(g -> "gw-b07".equals(g.getString("gateway")) && g.getBoolean("online"));
    }
}
