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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

import org.anju.firmware.pile.Bike;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The tenant's phone page in Debian's headless Chromium, against the park and a real gateway, as
 * a renter uses it: her invitation, her door, a printed port label scanned to charge (refused
 * until the bike is plugged in, then live, then told it is full), a guest pass for a courier
 * used once at the entrance's keypad and once from the courier's phone and then refused, revoked;
 * her offline PIN; and signing out after switching language. The whole flow in Chinese with
 * axe-core and no English; a shorter English pass where the revocation waits for a gateway that is away.
 */
@Tag("peer")
@Tag("wire")
class TenantPageTest {
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

    /** A landlord for building 7 and Li Wei's lease of room 301; her tenant record with its invitation. */
    private JsonObject liWei() throws Exception {
        String landlordId = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
        JsonObject registered = park.ok(park.call("POST", "/api/v1/leases", park.login("landlord-wang", "landlord-wang password"),
                new JsonObject().put("building", "b07").put("room", "301").put("name", "Li Wei").put("phone", "13800138000")
                        .put("idNumber", "11010519491231002X").put("cards", new JsonArray().add("3:1001"))
                        .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z")), 201);
        return registered.getJsonObject("tenant");
    }

    /** What shows in an element now, looked up again each time (the page patches it live). */
    private String text(String css) {
        return browser.findElements(By.cssSelector(css)).stream().findFirst().map(e -> e.getText()).orElse("");
    }

    private void awaitText(String css, String regex) {
        await().atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class)
                .until(() -> text(css).matches("(?s)" + regex));
    }

    @Test
    void aRenterChargesByScanningAPortLabelGivesACourierAPassAndSignsOutAfterSwitchingLanguage() throws Exception {
        page = new PageBrowser(park.url(""), PageBrowser.Lang.ZH);
        browser = page.driver;
        JsonObject tenant = liWei();
        String account = tenant.getString("account");

        // the renter opens the invitation's link on her phone and chooses her password
        page.open("tenant.html#invite=" + tenant.getJsonObject("invitation").getString("code"), PageBrowser.PHONE);
        page.find("#invite-password");
        page.assertNoEnglishShows("the invitation", "Building");
        page.assertAccessible("the invitation");
        acceptInvitation("li wei likes tea");
        page.find("button[data-door=room-301]");
        assertThat(text("#doors")).as("the doors as people know them").contains("楼门", "301 房间门", "大堂闸机")
                .doesNotContain("entrance", "lobby-gate");
        page.find("button[data-door=room-301]").click();
        awaitText("#door-result", "已发送.*");
        page.find("[data-signout]").click();
        page.find("#signin");

        // the landlord prints the bike shed's labels; one is scanned as a phone would
        page.signIn("port-labels.html?building=b07&area=bike-shed", "landlord-wang", "landlord-wang password");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElements(By.cssSelector("#labels figure")).size() == 10);
        assertThat(text("figure[data-port='pile-1/5']")).contains("pile-1 · 第 5 号口", "扫码充电");
        page.assertNoEnglishShows("the port labels", "Building");
        page.assertAccessible("the port labels");
        page.shoot("port-labels");
        String scanned = page.readQrCode("figure[data-port='pile-1/5'] img");
        assertThat(scanned).isEqualTo(park.url("/tenant.html#charge=b07/pile-1/5"));
        page.find("[data-signout]").click();
        page.find("#signin");

        // the label opens her page: sign in first, then the port is chosen, with a big Start
        browser.get(scanned);
        awaitText("#charge-after-signin", "pile-1 · 第 5 号口");
        assertThat(browser.getCurrentUrl()).doesNotContain("#charge");
        page.find("#login").sendKeys(tenant.getString("login"));
        browser.findElement(By.id("password")).sendKeys("li wei likes tea");
        browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
        awaitText("#chosen-port", "pile-1 · 第 5 号口");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the big Start has the focus").isEqualTo("charge-start");
        page.shoot("tenant-scanned-port");
        // nothing plugged in yet: the refusal says what to do, in her language
        page.find("#charge-start").click();
        awaitText("#charge-port-result", "充电口没有插入充电器：请先把充电器插好.*");
        // the bike's time runs a thousand times faster, the pile's own timers (its watchdog) at the wall's pace
        park.pile.wallPacedTimers(1000);
        park.pile.plugIn(5, new Bike(960, 0.1, 180)); // nearly empty: 180 W
        park.pile.advance(Duration.ofSeconds(1));
        // clicked again while the gateway has not read the plug yet; then started (or starting, until the port reads on)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (text("#charge-port-result").startsWith("充电口没有插入充电器")) {
                page.find("#charge-start").click();
            }
            return text("#charge-port-result").matches("已开始充电|正在开始充电.*");
        });
        // the charge, live: its energy to 0.01 kWh, its power in W, its time and state
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreException(StaleElementReferenceException.class)
                .alias("a live session with its power and energy").until(() -> {
            park.pile.advance(Duration.ofSeconds(120));
            return text("#sessions li.open [data-power]").matches("\\d+ W") && !text("#sessions li.open [data-energy]").equals("0.00 kWh")
                    && text("#sessions li.open [data-energy]").matches("\\d+\\.\\d\\d kWh");
        });
        assertThat(text("#sessions li.open")).contains("pile-1 · 第 5 号口", "充电中", "开始于");
        page.assertNoEnglishShows("the tenant page while charging", "Building");
        page.js("document.getElementById('charge-title').scrollIntoView()");
        page.shoot("tenant-charging");
        // a fire safety officer cuts the port: she is told it was cut, and why, in her words
        park.account(admin, "officer-zhao", "officer");
        park.call("POST", "/api/v1/ports/b07/pile-1/5/cut", park.login("officer-zhao", "officer-zhao password"), null);
        awaitText("#told", "充电中断（pile-1 · 第 5 号口）：消防安全员已断电");
        awaitText("#sessions li", ".*已结束：消防安全员已断电.*");
        assertThat(park.pile.port(5).relayClosed()).isFalse();

        // a guest pass for a courier: two uses, at the entrance's keypad and from the courier's phone
        page.js("document.getElementById('passes-title').scrollIntoView()");
        page.find("#pass-label").sendKeys("快递");
        new org.openqa.selenium.support.ui.Select(page.find("#pass-uses")).selectByValue("2");
        browser.findElement(By.cssSelector("#pass-form button[type=submit]")).click();
        awaitText("#passes li.pass", ".*快递 · 有效.*已用 0 / 2 次.*");
        String code = page.find("#passes li.pass [data-code]").getAttribute("data-code");
        String link = page.readQrCode("#passes li.pass img");
        assertThat(link).startsWith(park.url("/tenant.html#guest="));
        page.assertNoEnglishShows("the guest passes", "Building");
        page.assertAccessible("the tenant page with a guest pass");
        page.shoot("tenant-guest-pass");
        GatewayProbe.typeAtDoor(park.gateway.gateway(), ParkAndBuilding.ENTRANCE_D0, ParkAndBuilding.ENTRANCE_D1, code + "#");
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayProbe.hasEvent(park.gateway.gateway(), "door.access_granted",
                "\"credentialKind\":\"guest\",\"host\":\"" + account + "\""));
        awaitText("#passes li.pass", ".*已用 1 / 2 次.*");
        // the courier opens the link on their own phone: no sign-in, the entrance only
        browser.get(link);
        awaitText("#guest-where", "您是 Building 7 的访客");
        assertThat(browser.findElements(By.cssSelector("#guest-doors button"))).hasSize(1);
        page.assertNoEnglishShows("the guest's page", "Building");
        page.assertAccessible("the guest's page");
        page.shoot("guest-page");
        page.find("#guest-doors button[data-door=entrance]").click();
        awaitText("#guest-result", "已开门|已发送.*");
        // the last use is spent: the keypad refuses the code, working on its own count
        GatewayProbe.typeAtDoor(park.gateway.gateway(), ParkAndBuilding.ENTRANCE_D0, ParkAndBuilding.ENTRANCE_D1, code + "#");
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayProbe.hasEvent(park.gateway.gateway(), "door.access_denied", "USES_SPENT"));
        page.find("#guest-doors button[data-door=entrance]").click();
        awaitText("#guest-result", "此访客通行码的次数已用完");

        // back on her page: the pass is spent; she revokes it
        page.open("tenant.html", PageBrowser.PHONE);
        awaitText("#passes li.pass", ".*次数已用完.*已用 2 / 2 次.*");
        page.find("#passes button[data-revoke]").click();
        awaitText("#passes li.pass", ".*快递 · 已撤销.*");
        assertThat(GatewayProbe.roster(park.gateway.database().file()).keySet()).containsExactly(account);

        // the offline PIN: computed by the phone, the code the gateway accepts at the keypad
        page.find("#offline-show").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.find("#offline-pin").getAttribute("data-code") != null);
        String pin = page.find("#offline-pin").getAttribute("data-code");
        assertThat(text("#offline-pin")).contains("约 5 分钟内有效");
        GatewayProbe.typeAtDoor(park.gateway.gateway(), ParkAndBuilding.ENTRANCE_D0, ParkAndBuilding.ENTRANCE_D1, pin + "#");
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayProbe.hasEvent(park.gateway.gateway(), "door.access_granted",
                "\"tenantId\":\"" + account + "\",\"credentialKind\":\"offline-pin\""));
        page.assertNoEnglishShows("the tenant page", "Building");
        page.assertAccessible("the tenant page");
        page.shoot("tenant");

        // English, then signing out: the session ends at the park and the token leaves the phone
        page.find("[data-lang]").click();
        page.find("#app");
        awaitText("#doors-title", "My doors");
        String token = (String) page.js("return sessionStorage.getItem('anju.token')");
        assertThat(token).isNotNull();
        page.find("[data-signout]").click();
        page.find("#signin");
        assertThat(page.js("return sessionStorage.getItem('anju.token')")).isNull();
        assertThat(park.call("GET", "/api/v1/me", token, null).statusCode()).as("the token no longer works").isEqualTo(401);
    }

    @Test
    void inEnglishARevokedPassShowsRevokingUntilTheGatewayConfirmsAndSignOutWorksAfterAReload() throws Exception {
        page = new PageBrowser(park.url(""), PageBrowser.Lang.EN);
        browser = page.driver;
        JsonObject tenant = liWei();
        page.open("tenant.html#invite=" + tenant.getJsonObject("invitation").getString("code"), PageBrowser.WALL);
        acceptInvitation("li wei likes tea");
        assertThat(text("#doors")).contains("Building entrance", "Room 301", "Lobby gate");
        page.find("#pass-form button[type=submit]").click();
        awaitText("#passes li.pass", ".*Guest · valid.*used 0 of 1.*");
        String code = page.find("#passes li.pass [data-code]").getAttribute("data-code");

        // the gateway is away: the revocation cannot be confirmed, and the page does not pretend it was
        park.stopGateway();
        page.find("#passes button[data-revoke]").click();
        awaitText("#passes li.pass", ".*Guest · revoking \\(waiting for the building's gateway\\).*");
        page.assertAccessible("a pass being revoked");
        page.shoot("tenant-revoking");
        park.startGateway();
        awaitText("#passes li.pass", ".*Guest · revoked.*");
        GatewayProbe.typeAtDoor(park.gateway.gateway(), ParkAndBuilding.ENTRANCE_D0, ParkAndBuilding.ENTRANCE_D1, code + "#");
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayProbe.hasEvent(park.gateway.gateway(), "door.access_denied",
                "WRONG_PIN"));

        // a charge asked for at a port with nothing plugged in says what to do, in English
        new org.openqa.selenium.support.ui.Select(page.find("#port-choice")).selectByVisibleText("pile-1 · port 5");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!text("#charge-result").matches("Starting.*")) {
                page.find("#charge button[value=start]").click(); // again while the restarted gateway has not read the port
            }
            return text("#charge-result").equals("Nothing is plugged into the port: plug your charger in first, then press Start");
        });

        // after a reload, sign out still ends the session
        browser.navigate().refresh();
        page.find("#app");
        String token = (String) page.js("return sessionStorage.getItem('anju.token')");
        page.find("[data-signout]").click();
        page.find("#signin");
        assertThat(page.js("return sessionStorage.getItem('anju.token')")).isNull();
        assertThat(park.call("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(401);
    }

    /** On the tenant page opened from an invitation link: choose a password twice and sign in. */
    private void acceptInvitation(String password) {
        page.find("#invite-password").sendKeys(password);
        browser.findElement(By.id("invite-again")).sendKeys(password);
        browser.findElement(By.cssSelector("#invite button[type=submit]")).click();
        page.find("#app");
    }
}
