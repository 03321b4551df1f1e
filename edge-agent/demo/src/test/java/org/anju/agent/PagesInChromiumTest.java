package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
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
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.anju.firmware.pile.Bike;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The park's three pages in Debian's headless Chromium, against the bridge and a real gateway:
 * a tenant opens a door from a phone-sized screen and sees it opened; a landlord's mistyped ID
 * number is caught before it is sent, and Register pressed twice makes one lease; an officer sees
 * an overload alarm arrive live and acknowledges it, and sees a gateway whose roster is behind. Screenshots of each page at phone and desktop size go to target/screenshots.
 */
@Tag("peer")
@Tag("wire")
class PagesInChromiumTest {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;
    private ParkAndBuilding park;
    private WebDriver browser;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        park = new ParkAndBuilding(dir);
        admin = park.login("admin", ParkAndBuilding.ADMIN_PASSWORD);
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US");
        // the network log carries every response's headers; the browser log any policy the page broke
        options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL", "browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            try {
                assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
            } finally {
                browser.quit();
            }
        }
        park.close();
    }

    private WebElement find(String css) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.findElement(By.cssSelector(css)).isDisplayed());
        return browser.findElement(By.cssSelector(css));
    }

    private void signIn(String page, String login, String password) {
        browser.get(park.url("/" + page));
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
        find("#app");
    }

    private void shoot(String name) throws Exception {
        for (var size : new Dimension[] {new Dimension(360, 780), new Dimension(1280, 900)}) {
            browser.manage().window().setSize(size);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SHOTS.resolve(name + "-" + size.getWidth() + ".png"), png);
        }
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
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return localStorage.getItem(arguments[0])", key);
    }

    /** On the tenant page opened from an invitation link: choose a password twice and sign in. */
    private void acceptInvitation(String password) {
        find("#invite-password").sendKeys(password);
        browser.findElement(By.id("invite-again")).sendKeys(password);
        browser.findElement(By.cssSelector("#invite button[type=submit]")).click();
        find("#app");
    }

    @Test
    void aLandlordSeesAMistypedIdNumberRefusedAndThenRegistersTheRenter() throws Exception {
        String landlordId = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
        signIn("landlord.html", "landlord-wang", "landlord-wang password");
        find("#building option");
        browser.findElement(By.id("name")).sendKeys("Li Wei");
        browser.findElement(By.id("phone")).sendKeys("138 0013 8000");
        browser.findElement(By.id("idNumber")).sendKeys("110105194912310021");
        browser.findElement(By.id("cards")).sendKeys("3:1001");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('leaseStart').value='2026-01-01'; document.getElementById('leaseEnd').value='2099-01-01';");
        browser.findElement(By.cssSelector("#register button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("problems")).getText()
                .contains("check digit"));
        assertThat(park.ok(park.call("GET", "/api/v1/leases?building=b07", park.login("landlord-wang", "landlord-wang password"),
                null), 200).getJsonArray("leases")).as("nothing was sent").isEmpty();

        WebElement id = browser.findElement(By.id("idNumber"));
        id.clear();
        id.sendKeys("11010519491231002X");
        browser.findElement(By.cssSelector("#register button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("registered")).getText()
                .contains("has applied it"));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("leases")).getText().contains("110105********002X"));
        assertThat(browser.findElement(By.cssSelector("#leases .gateway-state")).getText()).startsWith("applied");

        // Register pressed twice in a row: the button is off while the first is sent, and the key makes one lease anyway
        browser.findElement(By.id("name")).sendKeys("Zhang Min");
        browser.findElement(By.id("phone")).sendKeys("139 0013 9000");
        browser.findElement(By.id("idNumber")).sendKeys(org.anju.bridge.park.privacy.IdNumber.sample(2));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('leaseStart').value='2026-01-01'; document.getElementById('leaseEnd').value='2099-01-01';"
                        + " const b = document.querySelector('#register button[type=submit]'); b.click(); b.click();");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("registered")).getText().contains("Zhang Min")
                || browser.findElement(By.id("leases")).getText().contains("Zhang Min"));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("leases")).getText().contains("Zhang Min"));
        assertThat(park.ok(park.call("GET", "/api/v1/leases?building=b07", park.login("landlord-wang", "landlord-wang password"),
                null), 200).getJsonArray("leases")).as("one lease for the renter registered twice").hasSize(2);
        shoot("landlord");

        // the renter's phone camera reads the printed QR code: it is the link with the code shown beside it
        WebElement qr = find("#invitation img");
        String link = readQrCode(qr.getScreenshotAs(OutputType.BYTES));
        String code = browser.findElement(By.id("invitation-code")).getText();
        String login = browser.findElement(By.id("invitation-login")).getText();
        assertThat(link).isEqualTo(park.url("/tenant.html#invite=" + code));
        assertThat(browser.getPageSource()).doesNotContainIgnoringCase("initialPassword");

        // on her phone (a fresh browser session), the link signs her in with the password she chooses
        browser.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.manage().window().setSize(new Dimension(360, 780));
        browser.get(link);
        acceptInvitation("li wei likes tea");
        find("button[data-door=room-301]");
        assertThat(browser.findElement(By.id("door-result")).getText()).containsAnyOf("Welcome", "欢迎").contains(login);
    }

    /** The QR code in a picture, read as a phone's camera app would (ZXing). */
    private static String readQrCode(byte[] png) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
        return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText();
    }

    /**
     * Every response the pages received from the park (pages, scripts, styles, the API, the
     * stream) carried the security headers, API answers were not to be cached, and the browser
     * reported no Content-Security-Policy violation (no inline script, no inline style attribute).
     */
    private void assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken() {
        java.util.List<String> wrong = new java.util.ArrayList<>();
        int seen = 0;
        String origin = park.url("");
        for (var entry : browser.manage().logs().get("performance")) {
            JsonObject message = new JsonObject(entry.getMessage()).getJsonObject("message");
            if (!"Network.responseReceived".equals(message.getString("method"))) {
                continue;
            }
            JsonObject response = message.getJsonObject("params").getJsonObject("response");
            String url = response.getString("url");
            if (!url.startsWith(origin)) {
                continue;
            }
            seen++;
            java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.getJsonObject("headers").forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
            String csp = headers.getOrDefault("Content-Security-Policy", "");
            if (!csp.contains("script-src 'self'") || !csp.contains("frame-ancestors 'none'") || csp.contains("unsafe-inline")
                    || !"nosniff".equals(headers.get("X-Content-Type-Options"))
                    || !"no-referrer".equals(headers.get("Referrer-Policy"))
                    || url.contains("/api/") && !"no-store".equals(headers.get("Cache-Control"))) {
                wrong.add(url + " " + headers);
            }
        }
        assertThat(seen).as("responses from the park seen by the browser").isGreaterThan(3);
        assertThat(wrong).isEmpty();
        assertThat(browser.manage().logs().get("browser").getAll()).as("the browser's console")
                .noneMatch(e -> e.getMessage().contains("Content Security Policy"));
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
