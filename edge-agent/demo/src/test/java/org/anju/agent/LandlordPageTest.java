package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The landlord's portal in Debian's headless Chromium, against the park and a real gateway. On a
 * 360 px phone in Chinese: a mistyped ID number caught before anything is sent, the renter as a
 * card, the lease ending soon, renewed, the renter's history (an open at the entrance, one row; a
 * refused attempt at another's door), the registrations exported for the police with the password
 * again, and the lease ended after a confirmation naming renter and room. On a wall screen in
 * English: Register pressed twice makes one lease, and the invitation's printed QR code is the link
 * that signs the renter in.
 */
@Tag("peer")
@Tag("wire")
class LandlordPageTest {
    private static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PASSWORD = "landlord-wang password";
    @TempDir
    Path dir;
    private ParkAndBuilding park;
    private PageBrowser page;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        park = new ParkAndBuilding(dir);
        admin = park.login("admin", ParkAndBuilding.ADMIN_PASSWORD);
        String landlordId = park.account(admin, "landlord-wang", "landlord");
        park.ok(park.call("PUT", "/api/v1/landlords/" + landlordId + "/buildings/b07", admin, null), 200);
        park.awaitGatewayOnline(admin);
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

    private JsonArray leases() throws Exception {
        return park.ok(park.call("GET", "/api/v1/leases?building=b07", park.login("landlord-wang", PASSWORD), null), 200)
                .getJsonArray("leases");
    }

    private void typeRenter(String name, String phone, String idNumber, String cards, LocalDate start, LocalDate end) {
        page.js("const f = document.getElementById('register'); f.name.value = arguments[0]; f.phone.value = arguments[1];"
                + " f.idNumber.value = arguments[2]; f.cards.value = arguments[3]; f.leaseStart.value = arguments[4];"
                + " f.leaseEnd.value = arguments[5];", name, phone, idNumber, cards, start.toString(), end.toString());
    }

    private void fitsThePhone(String what) {
        assertThat(((Number) page.js("return document.documentElement.scrollWidth")).intValue()).as("%s is no wider than"
                + " the phone", what).isLessThanOrEqualTo(360);
    }

    /** The renter's history as shown, asked again until it has {@code rows} rows (the gateway's events reach the park on their own). */
    private List<String> history(int rows) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            page.find("#leases [data-action=history]").click();
            return page.all("#access li.access-row").size() == rows;
        });
        return page.all("#access li.access-row").stream().map(WebElement::getText).toList();
    }

    @Test
    void onAPhoneInChineseALandlordRegistersRenewsReadsTheHistoryExportsAndEndsALease() throws Exception {
        page = new PageBrowser(park.url(""), PageBrowser.Lang.ZH);
        page.driver.manage().window().setSize(PageBrowser.PHONE);
        page.signIn("landlord.html", "landlord-wang", PASSWORD);
        page.find("#building option");
        String[] names = {"Li", "Wei", "Building"};   // the renter's name and the building's, as typed
        LocalDate today = LocalDate.now(PARK_ZONE);

        // a mistyped ID number is caught on the phone, in Chinese, before anything is sent
        page.js("document.getElementById('room').value = '302'");
        typeRenter("Li Wei", "138 0013 8000", "110105194912310021", "3:1001", today.minusDays(30), today.plusDays(20));
        page.find("#register button[type=submit]").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#problems").contains("身份证号：身份证号校验位不符"));
        assertThat(page.js("return document.activeElement.id")).as("the ID number is where the cursor goes").isEqualTo("idNumber");
        assertThat(leases()).as("nothing was sent").isEmpty();
        page.assertNoEnglishShows("a refused registration", names);

        page.js("document.getElementById('idNumber').value = '11010519491231002X'");
        page.find("#register button[type=submit]").click();
        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#registered").contains("已登记 Li Wei"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#leases .gateway-state").contains("门禁：已生效"));
        String card = page.text("#leases [data-lease]");
        assertThat(card).contains("Li Wei", "302 室", "110105********002X", "138****8000", "3:1001", "20 天后到期");
        assertThat(page.text("#expiring")).as("ending within 30 days").contains("Li Wei", "20 天后到期");
        fitsThePhone("the renters as cards");
        page.assertNoEnglishShows("the renters", names);
        page.assertAccessible("the landlord portal with a renter");
        page.js("document.getElementById('leases').scrollIntoView()");
        page.shoot("landlord-renters");

        // renewal: the end moves, the roster change reaches the gateway, and the lease is no longer ending soon
        page.find("#leases [data-action=renew]").click();
        page.find("#renew-dialog[open]");
        assertThat(page.text("#renew-title")).isEqualTo("为 Li Wei（302 室）续租");
        LocalDate renewed = today.plusDays(400);
        page.js("document.getElementById('renew-until').value = arguments[0]", renewed.toString());
        page.find("#renew button[type=submit]").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#lease-result").contains("Li Wei 的租期已延至"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#leases .gateway-state").contains("门禁：已生效"));
        assertThat(page.text("#leases [data-lease]")).doesNotContain("天后到期");
        assertThat(page.text("#expiring")).contains("30 天内没有到期的租约");
        JsonObject lease = leases().getJsonObject(0);
        assertThat(lease.getString("leaseEnd")).isEqualTo(renewed.atStartOfDay(PARK_ZONE).toInstant().toString());
        assertThat(lease.getJsonArray("gateways").getJsonObject(0).getBoolean("applied")).as("the gateway confirmed it").isTrue();

        // her card opens the entrance (one row, not two) and is refused at room 301's door, which is not hers
        GatewayProbe.swipe(park.gateway.gateway(), ParkAndBuilding.ENTRANCE_D0, ParkAndBuilding.ENTRANCE_D1, 3, 1001);
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayProbe.hasEvent(park.gateway.gateway(), "door.unlocked", "entrance"));
        GatewayProbe.swipe(park.gateway.gateway(), ParkAndBuilding.ROOM_301_D0, ParkAndBuilding.ROOM_301_D1, 3, 1001);
        List<String> rows = history(2);
        assertThat(rows.get(0)).contains("被拒：无权使用此门", "301 室房门", "门卡");
        assertThat(rows.get(1)).contains("已开门", "楼门", "门卡");
        assertThat(page.text("#history-title")).isEqualTo("Li Wei 的出入记录");
        fitsThePhone("the access history");
        page.assertNoEnglishShows("the access history", names);
        page.assertAccessible("the access history");
        page.shoot("landlord-history");

        // the registrations for the police: the password again, a wrong one refused, each export in the admin's trail
        page.find("#export-password").sendKeys("not my password at all");
        page.find("#export button[type=submit]").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#exported").contains("密码不正确，未导出"));
        page.find("#export-password").sendKeys(PASSWORD);
        page.find("#export button[type=submit]").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#exported").contains("已导出 1 条登记"));
        assertThat(page.text("#exported")).contains("registrations-b07-" + today + ".csv");
        page.assertNoEnglishShows("the export", names);
        page.js("document.getElementById('export').scrollIntoView()");
        page.shoot("landlord-export");
        var csv = park.call("POST", "/api/v1/buildings/b07/registrations/export", park.login("landlord-wang", PASSWORD),
                new JsonObject().put("password", PASSWORD));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.body().getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(csv.body()).contains("\"Li Wei\",\"\t11010519491231002X\",\"\t13800138000\",\"Building 7\",\"302\","
                + "\"" + today.minusDays(30) + "\",\"" + renewed + "\"").endsWith("\r\n");
        JsonArray trail = park.ok(park.call("GET", "/api/v1/registration-exports", admin, null), 200).getJsonArray("exports");
        assertThat(trail).hasSize(2).allSatisfy(e -> {
            assertThat(((JsonObject) e).getString("building")).isEqualTo("b07");
            assertThat(((JsonObject) e).getInteger("records")).isEqualTo(1);
        });

        // ending the lease is asked first, naming the renter and the room; cancelling changes nothing
        page.find("#leases [data-action=end]").click();
        page.find("#end-dialog[open]");
        assertThat(page.text("#end-warning")).contains("Li Wei（302 室）", "立即失效");
        page.assertAccessible("the confirmation before ending a lease");
        page.shoot("landlord-end-confirmation");
        page.find("#end-cancel").click();
        assertThat(page.all("#end-dialog[open]")).isEmpty();
        assertThat(leases().getJsonObject(0).getString("ended")).as("cancelled: still her lease").isNull();
        page.find("#leases [data-action=end]").click();
        page.find("#end-confirm").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#lease-result").contains("Li Wei 的租约已结束"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#leases [data-lease]").contains("已结束")
                && page.text("#leases .gateway-state").contains("门禁：已生效"));
        assertThat(page.text("#leases [data-lease]")).as("kept with her history for the park's retention").contains("出入记录保留至");
        assertThat(history(2)).as("her history outlives the lease").hasSize(2);
        fitsThePhone("an ended lease");
        page.assertNoEnglishShows("an ended lease", names);
        page.assertAccessible("an ended lease");
        page.js("document.getElementById('leases').scrollIntoView()");
        page.shoot("landlord-ended");

        // the admin reads the trail of exports on their phone
        page.js("sessionStorage.clear()");
        page.signIn("exports.html", "admin", ParkAndBuilding.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> page.all("#exports li.export-row").size() == 2);
        assertThat(page.text("#exports li.export-row")).contains("landlord-wang 导出楼栋 b07 的 1 条登记");
        fitsThePhone("the export trail");
        page.assertNoEnglishShows("the export trail", names);
        page.assertAccessible("the export trail");
        page.shoot("landlord-export-trail");
    }

    @Test
    void onAWallScreenInEnglishRegisterPressedTwiceMakesOneLeaseAndTheQrCodeSignsTheRenterIn() throws Exception {
        page = new PageBrowser(park.url(""), PageBrowser.Lang.EN);
        page.driver.manage().window().setSize(PageBrowser.WALL);
        page.signIn("landlord.html", "landlord-wang", PASSWORD);
        page.find("#building option");
        LocalDate today = LocalDate.now(PARK_ZONE);
        typeRenter("Zhang Min", "139 0013 9000", "110105194912310021", "", today, today.plusYears(1));
        page.find("#register button[type=submit]").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.text("#problems")
                .contains("ID number: the ID number's check digit does not match"));

        // Register pressed twice in a row: the button is off while the first is sent, and the key makes one lease anyway
        page.js("document.getElementById('idNumber').value = arguments[0];"
                + " const b = document.querySelector('#register button[type=submit]'); b.click(); b.click();",
                org.anju.bridge.park.privacy.IdNumber.sample(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#leases").contains("Zhang Min"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page.text("#leases .gateway-state").contains("Door access: in effect"));
        assertThat(leases()).as("one lease for the renter registered twice").hasSize(1);
        assertThat(page.text("#leases [data-lease]")).contains("Room 301", "Lease " + page.js("return Anju.date(Date.now())"));
        page.assertAccessible("the landlord portal in English");
        page.shoot("landlord-registered");
        page.js("document.getElementById('invitation').scrollIntoView()");
        page.shoot("landlord-invitation");

        // the renter's phone camera reads the printed QR code: it is the link with the code shown beside it
        String link = page.readQrCode("#invitation img");
        String code = page.text("#invitation-code");
        String login = page.text("#invitation-login");
        assertThat(link).isEqualTo(park.url("/tenant.html#invite=" + code));
        assertThat(page.driver.getPageSource()).doesNotContainIgnoringCase("initialPassword");

        // on her phone (a fresh browser session), the link signs her in with the password she chooses
        page.driver.manage().deleteAllCookies();
        page.js("sessionStorage.clear(); localStorage.clear();");
        page.driver.manage().window().setSize(PageBrowser.PHONE);
        page.driver.get(link);
        page.find("#invite-password").sendKeys("zhang min likes tea");
        page.driver.findElement(By.id("invite-again")).sendKeys("zhang min likes tea");
        page.driver.findElement(By.cssSelector("#invite button[type=submit]")).click();
        page.find("#app");
        page.find("button[data-door=room-301]");
        assertThat(page.text("#door-result")).containsAnyOf("Welcome", "欢迎").contains(login);
    }
}
