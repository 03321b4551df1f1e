package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.anju.firmware.pile.Bike;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The fire safety console in Debian's headless Chromium, against the park and a real gateway: in
 * Chinese, a smoke cut from the first alarm to the area restored once the smoke is gone; in English,
 * an overload with the port cut from its alarm, its chart on a phone, and the focus kept through
 * live readings; who is inside a building on fire and its lift restored; a gateway whose roster is
 * behind and that is offline, shown as a banner. The park of 100 buildings is ConsoleOverviewTest.
 */
@Tag("peer")
@Tag("wire")
class ConsolePageTest {
    @TempDir
    Path dir;
    private ParkAndBuilding park;
    private PageBrowser page;
    private WebDriver browser;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        park = new ParkAndBuilding(dir);
        admin = park.login("admin", ParkAndBuilding.ADMIN_PASSWORD);
    }

    /** The browser for this test, in its language. */
    private void browse(PageBrowser.Lang lang) throws Exception {
        page = new PageBrowser(park.url(""), lang);
        browser = page.driver;
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void awaitLive() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "console.live".equals(find("#live").getAttribute("data-state")));
    }

    /** Opens the confirmation of {@code button}, checks it names what it will do, and confirms it. */
    private void confirm(WebElement button, String... names) {
        button.click();
        WebElement dialog = find("#confirm");
        assertThat(dialog.getText()).contains(names);
        browser.findElement(By.id("confirm-ok")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> !dialog.isDisplayed());
    }

    @AfterEach
    void stop() throws Exception {
        if (page != null) {
            try {
                page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
            } finally {
                page.close();
            }
        }
        park.close();
    }

    private WebElement find(String css) {
        return page.find(css);
    }

    private void signIn(String url, String login, String password) {
        page.signIn(url, login, password);
    }

    private void shoot(String name) throws Exception {
        page.shoot(name);
    }

    @Test
    void inAFireTheOfficerSeesWhoIsInsideBesideTheBuildingAndRestoresTheLiftAfterIt() throws Exception {
        String landlordId = park.account(admin, "landlord-wang", "landlord");
        park.account(admin, "officer-li", "officer");
        park.ok(park.call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
        park.ok(park.call("POST", "/api/v1/leases", park.login("landlord-wang", "landlord-wang password"),
                new JsonObject().put("building", "b07").put("room", "301").put("name", "李伟").put("phone", "13800138000")
                        .put("idNumber", "11010519491231002X").put("cards", new JsonArray().add("3:1001"))
                        .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z")), 201);
        var gateway = park.gateway.gateway();
        GatewayProbe.present(gateway, "lobby-gate", ParkAndBuilding.GATE_D0, ParkAndBuilding.GATE_D1, 3, 1001,
                () -> park.lane.waiting(org.anju.firmware.turnstile.TurnstileSimulator.Way.IN) == 1);
        park.lane.enter();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.occupancy().get(0).inside() == 1);

        browse(PageBrowser.Lang.EN);
        browser.manage().window().setSize(new Dimension(1280, 900));
        signIn("console.html", "officer-li", "officer-li password");
        awaitLive();
        assertThat(browser.findElement(By.id("inside-box")).isDisplayed()).as("nothing to show without a fire").isFalse();
        gateway.gpioSimulator().orElseThrow().driveInput(ParkAndBuilding.FIRE_PANEL, false);
        WebElement building = find("#inside [data-building=b07]");
        await().atMost(Duration.ofSeconds(20)).until(() -> building.getText().contains("李伟"));
        assertThat(building.getText()).contains("1 inside").contains("301");
        shoot("console-fire");

        gateway.gpioSimulator().orElseThrow().driveInput(ParkAndBuilding.FIRE_PANEL, true);
        WebElement restore = find("#inside [data-lift=lift-a] button");
        assertThat(browser.findElement(By.id("inside")).getText()).as("the names go with the fire").doesNotContain("李伟");
        restore.click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("action-result")).getText().contains("Lift lift-a restored"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElement(By.id("inside-box")).isDisplayed());
        assertThat(gateway.lifts().get("lift-a").fireReleased()).isFalse();
    }

    /**
     * The wall screen's network drops (the link between the browser and the park is cut) while a
     * fire starts: the park stores the alarm; once the network is back the page opens its stream
     * again from the last event it had and is sent the alarm as news, sounding and announced as if
     * it had come live, without the page or its state being loaded again.
     */
    @Test
    void aConsoleCutOffFromTheParkIsSentTheFireRaisedMeanwhileOnceItIsBack() throws Exception {
        park.account(admin, "officer-li", "officer");
        park.awaitGatewayOnline(admin);
        try (CuttableLink wifi = new CuttableLink(park.bridge.port())) {
            page = new PageBrowser("http://127.0.0.1:" + wifi.port(), PageBrowser.Lang.ZH);
            browser = page.driver;
            browser.manage().window().setSize(PageBrowser.WALL);
            signIn("console.html", "officer-li", "officer-li password");
            awaitLive();
            page.js("window.sameLoad = true");   // a reload of the page would forget it
            assertThat(page.all("#alarms .alarm")).isEmpty();

            wifi.cut();
            await().atMost(Duration.ofSeconds(20)).until(() -> "console.reconnecting".equals(find("#live").getAttribute("data-state")));
            park.pile.smoke(true);
            park.pile.advance(Duration.ofSeconds(1));
            String officer = park.login("officer-li", "officer-li password");
            await().atMost(Duration.ofSeconds(20)).until(() -> park.ok(park.call("GET", "/api/v1/alarms", officer, null), 200)
                    .getJsonArray("alarms").size() == 1);
            assertThat(page.all("#alarms .alarm")).as("stored by the park while the page was away").isEmpty();
            shoot("console-resume-away");

            wifi.mend();
            WebElement fire = find("#alarms .alarm.FIRE");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fire.getText()).contains("充电桩烟感报警"));
            awaitLive();
            assertThat(page.js("return document.getElementById('announce').textContent")).asString()
                    .as("announced as news, not found in a reload of the state").isEqualTo("新告警：火警，b07 · bike-shed");
            await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(page.js("return document.body.dataset.sounding")));
            assertThat(fire.getAttribute("class")).contains("flash");
            assertThat(page.js("return window.sameLoad")).as("the page was not loaded again").isEqualTo(true);
            // what is not news (the ports held off by the fire, the totals) is read again
            await().atMost(Duration.ofSeconds(20)).until(() -> page.all("#piles button.port").stream()
                    .allMatch(b -> b.getAttribute("class").contains("held")) && text("#overview-totals").contains("1 条告警"));
            page.assertNoEnglishShows("the console back after its network dropped", "Building");
            shoot("console-resumed");
        }
    }

    @Test
    void anOfficerSeesAGatewayWhoseRosterIsOutOfSyncAndForHowLong() throws Exception {
        String landlordId = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        park.account(admin, "officer-li", "officer");
        park.awaitGatewayOnline(admin);
        String landlord = park.login("landlord-wang", "landlord-wang password");
        JsonObject lease = park.ok(park.call("POST", "/api/v1/leases", landlord, new JsonObject().put("building", "b07")
                .put("room", "301").put("name", "Li Wei").put("phone", "13800138000")
                .put("idNumber", "11010519491231002X").put("leaseStart", "2026-01-01T00:00:00Z")
                .put("leaseEnd", "2099-01-01T00:00:00Z")), 201);
        browse(PageBrowser.Lang.EN);
        browser.manage().window().setSize(new Dimension(1280, 900));
        signIn("console.html", "officer-li", "officer-li password");
        awaitLive();
        assertThat(browser.findElement(By.id("rosters-box")).isDisplayed()).as("all in sync: nothing shown").isFalse();
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).as("everything reachable: no banner").isFalse();

        park.stopGateway();
        park.ok(park.call("DELETE", "/api/v1/leases/" + lease.getJsonObject("lease").getString("id"), landlord, null), 200);
        WebElement late = find("#rosters li[data-gateway=gw-b07]");
        assertThat(late.getText()).contains("b07").contains("pending for").contains("offline");
        // the gateway's silence is a banner, not a faint word
        await().atMost(Duration.ofSeconds(30)).until(() -> find("#banner").getText().contains("Building gateways offline"));
        assertThat(text("#banner")).contains("b07");
        assertThat(find("#overview [data-building=b07]").getText()).contains("gateway offline");
        shoot("console-rosters");
        page.assertAccessible("the console with a gateway offline");
        park.startGateway();
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElement(By.id("rosters-box")).isDisplayed());
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElement(By.id("banner")).isDisplayed());
    }

    @Test
    void inChineseASmokeCutHoldsTheTilesOffSoundsUntilAcknowledgedAndTheAreaIsRestoredOnlyOnceTheSmokeIsGone() throws Exception {
        park.account(admin, "officer-li", "officer");
        park.awaitGatewayOnline(admin);
        park.pile.plugIn(5, Bike.TYPICAL);
        park.pile.switchRelay(5, true);
        park.pile.advance(Duration.ofSeconds(5));
        browse(PageBrowser.Lang.ZH);
        browser.manage().window().setSize(PageBrowser.WALL);
        signIn("console.html", "officer-li", "officer-li password");
        awaitLive();
        WebElement tile5 = find("button.port[data-port='gw-b07|pile-1|5']");
        await().atMost(Duration.ofSeconds(30)).until(() -> tile5.getAttribute("class").contains("Charging"));
        assertThat(tile5.getText()).contains("充电中").containsPattern("\\d+ W").contains("桩温");
        assertThat(page.js("return getComputedStyle(arguments[0]).fontSize", tile5)).isEqualTo("16px");

        // smoke at the pile: every port of its area is cut and held off at the gateway, and the tiles say so
        park.pile.smoke(true);
        park.pile.advance(Duration.ofSeconds(1));
        WebElement fire = find("#alarms .alarm.FIRE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fire.getText()).contains("充电桩烟感报警"));
        assertThat(fire.getText()).contains("火警 · b07 · bike-shed").doesNotContain("火警 · 火警").contains("发生于").containsPattern("\\d+(\\.\\d)? °C")
                .contains("尚未确认");
        assertThat(fire.findElement(By.cssSelector(".cut-area")).getText()).isEqualTo("断开区域 bike-shed");
        assertThat(fire.getAttribute("class")).contains("flash");
        await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(page.js("return document.body.dataset.sounding"))
                && Integer.parseInt(String.valueOf(page.js("return document.body.dataset.beeps || '0'"))) >= 1);
        assertThat(page.js("return document.getElementById('announce').textContent")).asString()
                .isEqualTo("新告警：火警，b07 · bike-shed").as("one line for the one new alarm");
        await().atMost(Duration.ofSeconds(20)).until(() -> page.all("#piles button.port").stream()
                .allMatch(b -> b.getAttribute("class").contains("held")));
        assertThat(tile5.getText()).contains("断电保持：火警断电").contains("自 ");
        page.assertNoEnglishShows("the console in a smoke cut", "Building");
        page.assertAccessible("the console in a smoke cut");
        shoot("console-smoke");

        // acknowledged: the siren stops, the card says by whom
        fire.findElement(By.cssSelector("button.ack")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> fire.getText().contains("officer-li 于"));
        assertThat(fire.getAttribute("class")).doesNotContain("flash");
        await().atMost(Duration.ofSeconds(5)).until(() -> "false".equals(page.js("return document.body.dataset.sounding")));
        // a recent alarm is sent twice, at once and again among the news: its raising, come late, changes nothing
        page.js("const a = [...alarms.values()].find(x => x.severity === 'FIRE');"
                + " alarmArrived({ ...a, state: 'RAISED', acknowledgedBy: null, acknowledgedAt: null });");
        assertThat(fire.getText()).as("still acknowledged").contains("officer-li 于");
        assertThat(fire.getAttribute("class")).doesNotContain("flash");
        assertThat(page.js("return document.body.dataset.sounding")).isEqualTo("false");

        // restore while the smoke is still there: the confirmation names the ports, the gateway refuses
        confirm(fire.findElement(By.cssSelector(".restore-area")), "bike-shed", "pile-1 #5", "火警断电");
        await().atMost(Duration.ofSeconds(20)).until(() -> text("#action-result").contains("火警信号仍未解除"));
        assertThat(tile5.getAttribute("class")).contains("held");

        // the smoke is gone: restored, and the tiles are released
        park.pile.smoke(false);
        park.pile.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            if (!find("#alarms .alarm.FIRE").isDisplayed() || text("#action-result").contains("已恢复供电")) {
                return;
            }
            confirm(find("#alarms .alarm.FIRE .restore-area"), "bike-shed");
            await().atMost(Duration.ofSeconds(10)).until(() -> !text("#action-result").isEmpty()
                    && !text("#action-result").contains("正在"));
            assertThat(text("#action-result")).contains("已恢复供电");
        });
        String officer = park.login("officer-li", "officer-li password");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page.all("#piles button.port.held"))
                .as("%s%nthe park's ports: %s%nalarms: %s%nanswer: %s", text("#piles"),
                        park.call("GET", "/api/v1/ports", officer, null).body(), text("#alarms"), text("#action-result"))
                .isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> page.all("#alarms .alarm.FIRE").isEmpty());
        assertThat(text("#no-alarm")).isEqualTo("没有未解除的告警");
        tile5.click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty());
        assertThat(text("#chart-title")).isEqualTo("pile-1 #5 端口");
        assertThat(text("#chart-summary")).containsPattern("\\d+ 条读数，最近：[\\d,]+ W");
        assertThat(text("#chart .u-legend")).contains("时间").contains("功率").contains("温度");
        page.assertNoEnglishShows("the console after the area is restored, with a port's chart", "Building");
        shoot("console-restored");
    }

    @Test
    void anOfficerCutsAnOverloadedPortFromItsAlarmAndTheFocusStaysThroughLiveReadings() throws Exception {
        park.account(admin, "officer-li", "officer");
        park.awaitGatewayOnline(admin);
        browse(PageBrowser.Lang.EN);
        browser.manage().window().setSize(PageBrowser.WALL);
        browser.get(park.url("/"));
        find("a[href='console.html']");
        signIn("console.html", "officer-li", "officer-li password");
        awaitLive();
        park.pile.plugIn(3, Bike.TYPICAL);
        park.pile.switchRelay(3, true);
        park.pile.advance(Duration.ofSeconds(5));
        WebElement tile3 = find("button.port[data-port='gw-b07|pile-1|3']");
        await().atMost(Duration.ofSeconds(30)).until(() -> tile3.getAttribute("class").contains("Charging"));

        // live readings patch the tile where it is: the keyboard focus and the scroll stay
        page.js("arguments[0].focus(); window.scrollTo(0, 200)", tile3);
        Object scrolled = page.js("return window.scrollY");
        String before = tile3.getText();
        park.pile.overload(3, 700);
        park.pile.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> !tile3.getText().equals(before));
        assertThat(page.js("return document.activeElement && document.activeElement.dataset.port")).isEqualTo("gw-b07|pile-1|3");
        assertThat(page.js("return window.scrollY")).isEqualTo(scrolled);

        WebElement alarm = find("#alarms .alarm.MAJOR");
        await().atMost(Duration.ofSeconds(20)).until(() -> alarm.getText().contains("Overload"));
        assertThat(alarm.getText()).contains("MAJOR · Overload · b07 · pile-1 #3").containsPattern("reading: [\\d,]+ W")
                .contains("raised").doesNotContain("OVERLOAD").doesNotContain("degC");
        assertThat(alarm.getText()).doesNotContainPattern("\\d\\.\\d{3,}");
        page.assertAccessible("the console with an overload alarm");
        shoot("console-overload");

        // the park out of reach (the browser offline): the banner says so, and an action says it was not sent
        page.driver.executeCdpCommand("Network.enable", java.util.Map.of());
        page.driver.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        // the emulation is the browser's to apply: click once the page itself sees it is offline
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(page.js("return navigator.onLine")));
        alarm.findElement(By.cssSelector("button.ack")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text("#action-result"))
                .as("the answer to an acknowledgement sent offline").contains("nothing was sent"));
        await().atMost(Duration.ofSeconds(10)).until(() -> find("#banner").getText().contains("The park service cannot be reached"));
        assertThat(alarm.getText()).as("not acknowledged: nothing was sent").contains("not acknowledged yet");
        page.driver.executeCdpCommand("Network.emulateNetworkConditions", java.util.Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        awaitLive();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElement(By.id("banner")).isDisplayed());

        // cut the port from its alarm: the confirmation names it; the outcome is the gateway's
        confirm(alarm.findElement(By.cssSelector(".cut-port")), "pile-1 #3", "b07");
        await().atMost(Duration.ofSeconds(20)).until(() -> text("#action-result").matches("(?s).*pile-1 #3: (cut|already off|confirmed).*"));
        assertThat(park.pile.port(3).relayClosed()).isFalse();
        alarm.findElement(By.cssSelector("button.ack")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> text("#action-result").contains("Acknowledged"));

        // on a phone, the port's chart scrolls into view
        browser.manage().window().setSize(PageBrowser.PHONE);
        page.js("window.scrollTo(0, 0)");
        find("button.port[data-port='gw-b07|pile-1|3']").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(page.js(
                "const r = document.getElementById('chart-box').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight")));
        assertThat(text("#chart-summary")).containsPattern("\\d+ readings, last [\\d,]+ W, [\\d.]+ °C");
        assertThat(text("#chart .u-legend")).contains("Power").contains("Temperature");
        shoot("console-chart");
    }
}
