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
 * The landlord's portal in Debian's headless Chromium, against the park and a real gateway: a
 * mistyped ID number is caught before it is sent, Register pressed twice makes one lease, and the
 * invitation's printed QR code is the link that signs the renter in.
 */
@Tag("peer")
@Tag("wire")
class LandlordPageTest {
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

    /** On the tenant page opened from an invitation link: choose a password twice and sign in. */
    private void acceptInvitation(String password) {
        find("#invite-password").sendKeys(password);
        browser.findElement(By.id("invite-again")).sendKeys(password);
        browser.findElement(By.cssSelector("#invite button[type=submit]")).click();
        find("#app");
    }

    /** The QR code in a picture, read as a phone's camera app would (ZXing). */
    private static String readQrCode(byte[] png) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
        return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText();
    }
}
