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
 * The fire safety console in Debian's headless Chromium, against the park and a real gateway: an
 * officer sees who is inside a building on fire and restores its lift, sees a gateway whose roster
 * is behind, and sees an overload alarm arrive live and acknowledges it.
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
        GatewayProbe.swipe(gateway, ParkAndBuilding.GATE_D0, ParkAndBuilding.GATE_D1, 3, 1001);
        await().atMost(Duration.ofSeconds(20)).until(() -> park.lane.waiting(org.anju.firmware.turnstile.TurnstileSimulator.Way.IN) == 1);
        park.lane.enter();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.occupancy().get(0).inside() == 1);

        browser.manage().window().setSize(new Dimension(1280, 900));
        signIn("console.html", "officer-li", "officer-li password");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("live")).getText().startsWith("live"));
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
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("action-result")).getText().contains("restored"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElement(By.id("inside-box")).isDisplayed());
        assertThat(gateway.lifts().get("lift-a").fireReleased()).isFalse();
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
        browser.manage().window().setSize(new Dimension(1280, 900));
        signIn("console.html", "officer-li", "officer-li password");
        assertThat(browser.findElement(By.id("rosters-box")).isDisplayed()).as("all in sync: nothing shown").isFalse();

        park.stopGateway();
        park.ok(park.call("DELETE", "/api/v1/leases/" + lease.getJsonObject("lease").getString("id"), landlord, null), 200);
        WebElement late = find("#rosters li[data-gateway=gw-b07]");
        assertThat(late.getText()).contains("b07").contains("pending for").contains("offline");
        shoot("console-rosters");
        park.startGateway();
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElement(By.id("rosters-box")).isDisplayed());
    }

    @Test
    void anOfficerSeesAnOverloadAlarmArriveLiveAndAcknowledgesIt() throws Exception {
        park.account(admin, "officer-li", "officer");
        park.awaitGatewayOnline(admin);
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(park.url("/"));
        find("a[href='console.html']");
        signIn("console.html", "officer-li", "officer-li password");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("live")).getText().startsWith("live"));
        park.pile.plugIn(3, Bike.TYPICAL);
        park.pile.switchRelay(3, true);
        park.pile.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector("button.port.Charging")).isEmpty());
        park.pile.overload(3, 700);
        park.pile.advance(Duration.ofSeconds(2));
        WebElement alarm = find(".alarm");
        assertThat(alarm.getText()).contains("OVERLOAD").contains("W");
        shoot("console");
        page.assertAccessible("the console with an alarm");
        alarm.findElement(By.xpath(".//button[contains(., 'Acknowledge')]")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("action-result")).getText()
                .contains("Acknowledged"));

        // the port's chart: power and the pile's temperature over its readings, drawn by uPlot from its WebJar
        find("button.port[data-port$='|3']").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty());
        assertThat(browser.findElement(By.id("chart-summary")).getText()).containsPattern("\\d+ readings, last \\d+ W, [\\d.]+ °C");
        assertThat(browser.findElement(By.cssSelector("#chart .u-legend")).getText()).contains("Power").contains("Temperature");
        shoot("console-chart");
    }
}
