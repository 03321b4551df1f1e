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
 * The tenant's phone page in Debian's headless Chromium, against the park and a real gateway: a
 * renter accepts her invitation, opens her door and calls the lift, sees her offline PIN, charges
 * her bike and signs out.
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
        page = new PageBrowser(park.url(""), PageBrowser.Lang.EN);
        browser = page.driver;
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
    void aTenantOpensTheirDoorFromAPhoneAndChargesTheirBikeSeeingWhatTheDevicesSay() throws Exception {
        String landlordId = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
        JsonObject registered = park.ok(park.call("POST", "/api/v1/leases", park.login("landlord-wang", "landlord-wang password"),
                new JsonObject().put("building", "b07").put("room", "301").put("name", "Li Wei").put("phone", "13800138000")
                        .put("idNumber", "11010519491231002X").put("cards", new JsonArray().add("3:1001"))
                        .put("leaseStart", "2026-01-01T00:00:00Z").put("leaseEnd", "2099-01-01T00:00:00Z")), 201);
        JsonObject tenant = registered.getJsonObject("tenant");

        // the renter opens the invitation's link on her phone and chooses her password
        browser.manage().window().setSize(new Dimension(360, 780));
        browser.get(tenant.getJsonObject("invitation").getString("url"));
        find("#invite-password");
        shoot("tenant-invitation");
        browser.manage().window().setSize(new Dimension(360, 780));
        acceptInvitation("li wei likes tea");
        assertThat(browser.getCurrentUrl()).as("the code has left the address bar").doesNotContain("invite");
        find("button[data-door=room-301]").click();
        // room 301 has a GPIO strike, which cannot report that it released: the phone says "sent", not "opened"
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("door-result")).getText()
                .matches("Sent.*|已发送.*"));
        assertThat(browser.findElement(By.id("door-result")).getAttribute("class")).contains("ok");
        // take me home: the lift's floor 3 (room 301's) calls the car once the page says so
        find("button[data-lift=lift-a]").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("door-result")).getText()
                .contains("press its button") || browser.findElement(By.id("door-result")).getText().contains("请按楼层按钮"));
        assertThat(park.car.works(3)).isTrue();

        // the phone computes the offline PIN itself; it must be the code the gateway accepts
        browser.findElement(By.id("offline-show")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("offline-pin")).getAttribute("data-code") != null);
        String code = browser.findElement(By.id("offline-pin")).getAttribute("data-code");
        byte[] key = org.anju.bridge.access.OfflinePin.tenantKey(ParkAndBuilding.OFFLINE_PIN_SECRET, tenant.getString("account"));
        assertThat(org.anju.bridge.access.OfflinePin.matches(key, code, java.time.Instant.now().getEpochSecond())).isTrue();
        assertThat(kept("anju.offline")).as("not her phone: the key is not kept").isNull();
        browser.findElement(By.id("my-phone")).click();
        browser.findElement(By.id("offline-show")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> kept("anju.offline") != null);
        shoot("tenant");

        // a charge of their own, listed live with its energy, power and time, then stopped
        park.pile.plugIn(5, Bike.TYPICAL);
        park.pile.advance(Duration.ofSeconds(1));
        browser.findElement(By.id("pile")).sendKeys("pile-1");
        browser.findElement(By.id("port")).sendKeys("5");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.findElement(By.cssSelector("#charge button[value=start]")).click();
            return find("#charge-result").getText().startsWith("started");
        });
        park.pile.wallPacedTimers(1000); // ten minutes of the bike's charge in a moment, the watchdog at the wall's pace
        park.pile.advance(Duration.ofSeconds(600));
        // the list is redrawn on every refresh: an element found just before a redraw is stale, so look again
        await().atMost(Duration.ofSeconds(30)).ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> !browser.findElements(By.cssSelector("#sessions li.open")).isEmpty()
                && browser.findElement(By.cssSelector("#sessions li.open [data-power]")).getText().matches("\\d+ W")
                && !browser.findElement(By.cssSelector("#sessions li.open [data-energy]")).getText().equals("0 Wh"));
        await().atMost(Duration.ofSeconds(10)).ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("#sessions li.open")).getText()).contains("pile-1 / 5"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('charge').scrollIntoView()");
        shoot("tenant-charging");
        browser.findElement(By.cssSelector("#charge button[value=stop]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> find("#charge-result").getText().startsWith("stopped"));
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElements(By.cssSelector("#sessions li.open")).isEmpty()
                && browser.findElement(By.id("sessions")).getText().matches("(?s).*(ended|已结束) REMOTE_STOP.*"));
        assertThat(park.pile.port(5).relayClosed()).isFalse();

        // signing out ends the session at the park and takes the key off the phone
        String token = (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('anju.token')");
        browser.findElement(By.cssSelector("[data-signout]")).click();
        find("#signin");
        assertThat(kept("anju.offline")).as("removed at sign-out").isNull();
        assertThat(park.call("GET", "/api/v1/me", token, null).statusCode()).as("the token no longer works").isEqualTo(401);
    }

    private Object kept(String key) {
        return page.kept(key);
    }

    /** On the tenant page opened from an invitation link: choose a password twice and sign in. */
    private void acceptInvitation(String password) {
        find("#invite-password").sendKeys(password);
        browser.findElement(By.id("invite-again")).sendKeys(password);
        browser.findElement(By.cssSelector("#invite button[type=submit]")).click();
        find("#app");
    }
}
