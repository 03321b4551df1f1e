package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * The buildings page in Debian's headless Chromium against a park on a real SQLite store. On a
 * phone in Chinese the admin adds building 8 with its gateway's key, a room's door without its
 * room and a pile in its area twice: each problem shows at its field, in Chinese; then the gateway
 * building 7 has already, shown at the gateway; then it is saved and listed, building 7 renamed,
 * building 8 deleted after a second press, the store holding what the page said each time. On a
 * wall screen in English a problem reads in English at its field. axe passes on both.
 */
@Tag("peer")
@Tag("wire")
class BuildingsPageTest {
    private static final String[] NAMES = {"yard", "entrance", "shed"};

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private ParkBridge park;
    private String admin;

    private JsonObject building(String id) throws Exception {
        var r = TestPark.call(park.port(), "GET", "/api/v1/park/buildings/" + id, admin, null);
        return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    }

    @Test
    void theAdminAddsEditsAndDeletesABuildingWithEachProblemAtItsFieldOnAPhoneAndAWall() throws Exception {
        park = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b07, name: 7 号楼, gateway: gw-b07, doors: [{id: entrance}, {id: room-301, room: "301"}],
                     areas: [{id: shed, piles: [pile-1]}]}
                """, Clock.systemUTC()));
        admin = new JsonObject(TestPark.call(park.port(), "POST", "/api/v1/login", null, new JsonObject().put("login", "admin")
                .put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        String key = Ed25519Keys.toPem(Ed25519Keys.generate().getPublic());

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.ZH)) {
            page.driver.manage().window().setSize(PageBrowser.PHONE);
            page.signIn("buildings.html", "admin", TestPark.ADMIN_PASSWORD);
            assertThat(shows(page, "#buildings [data-building=b07]")).contains("7 号楼 (b07)", "网关 gw-b07",
                    "2 扇门，1 个房间，1 个充电区，1 个充电桩", "未登记网关公钥");

            page.find("#add").click();
            type(page, "#b-id", "b08");
            type(page, "#b-name", "8 号楼");
            type(page, "#b-gateway", "gw-b07");
            type(page, "#b-village", "东风三村");
            type(page, "#b-key", "12345");
            page.find("#add-door").click();
            type(page, "[data-field='doors[1].id']", "room-101");
            new Select(page.find("[data-field='doors[1].kind']")).selectByValue("room");
            type(page, "[data-field='doors[1].room']", "101");
            page.find("#add-door").click();
            type(page, "[data-field='doors[2].id']", "room-102");
            new Select(page.find("[data-field='doors[2].kind']")).selectByValue("room");
            page.find("#add-area").click();
            type(page, "[data-field='areas[0].id']", "yard");
            type(page, "[data-field='areas[0].piles']", "pile-1，pile-1");
            page.find("#editor button[type=submit]").click();

            assertThat(shows(page, "#summary")).startsWith("未保存：");
            assertThat(problemAt(page, "#b-key")).contains("网关公钥：不是 Ed25519 公钥");
            assertThat(problemAt(page, "[data-field='doors[2].room']")).isEqualTo("第 3 扇门的房号：房门须填房号");
            assertThat(problemAt(page, "[data-field='doors[2].kind']")).isEmpty();
            assertThat(problemAt(page, "[data-field='areas[0].piles']"))
                    .isEqualTo("第 1 个充电区的第 2 个充电桩：充电桩 pile-1 已在充电区 yard 中，一个桩只属于一个充电区");
            assertThat(page.find("#b-gateway").getAttribute("aria-invalid")).as("its turn comes after").isNull();
            assertThat(building("b08")).as("nothing saved").isNull();
            assertThat(((Number) page.js("return document.documentElement.scrollWidth")).intValue()).as("fits the phone")
                    .isLessThanOrEqualTo(360);
            page.assertNoEnglishShows("the buildings page with problems", NAMES);
            page.assertAccessible("the buildings page with problems");
            page.shoot("buildings-problems");
            page.js("document.getElementById('doors').scrollIntoView()");
            page.shoot("buildings-problems-doors");

            type(page, "#b-key", key);
            type(page, "[data-field='doors[2].room']", "102");
            type(page, "[data-field='areas[0].piles']", "pile-1，pile-2");
            page.find("#editor button[type=submit]").click();
            await().atMost(Duration.ofSeconds(10)).until(() -> problemAt(page, "#b-gateway").length() > 0);
            assertThat(problemAt(page, "#b-gateway")).isEqualTo("网关编号：网关 gw-b07 已服务于楼栋 b07，一个网关只服务一栋楼");
            assertThat(problemAt(page, "#b-key")).as("the key is right now").isEmpty();

            type(page, "#b-gateway", "gw-b08");
            page.find("#editor button[type=submit]").click();
            assertThat(shows(page, "#status")).isEqualTo("已保存：8 号楼（第 1 版）");
            assertThat(shows(page, "#buildings [data-building=b08]")).contains("8 号楼 (b08)", "网关 gw-b08 · 东风三村",
                    "3 扇门，2 个房间，1 个充电区，2 个充电桩", "网关公钥已登记", "第 1 版");
            JsonObject b08 = building("b08");
            assertThat(b08.getString("gatewayKey")).isEqualTo(key);
            assertThat(b08.getJsonArray("doors").encode()).isEqualTo("[{\"id\":\"entrance\",\"room\":null,\"kind\":\"entrance\"},"
                    + "{\"id\":\"room-101\",\"room\":\"101\",\"kind\":\"room\"},{\"id\":\"room-102\",\"room\":\"102\",\"kind\":\"room\"}]");
            assertThat(b08.getJsonArray("areas").encode()).isEqualTo("[{\"id\":\"yard\",\"piles\":[\"pile-1\",\"pile-2\"]}]");
            page.assertNoEnglishShows("the buildings page", NAMES);
            page.assertAccessible("the buildings page");
            page.shoot("buildings");

            // building 7 renamed: its doors and area stay as they were
            page.find("[data-edit=b07]").click();
            assertThat(page.find("#b-id").getAttribute("readonly")).isNotNull();
            type(page, "#b-name", "七号楼");
            page.find("#editor button[type=submit]").click();
            assertThat(shows(page, "#status")).isEqualTo("已保存：七号楼（第 2 版）");
            assertThat(building("b07").getString("name")).isEqualTo("七号楼");
            assertThat(building("b07").getJsonArray("doors")).hasSize(2);
            assertThat(building("b07").getJsonArray("areas").getJsonObject(0).getJsonArray("piles")).containsExactly("pile-1");

            // building 8 deleted, on the second press
            page.find("[data-edit=b08]").click();
            page.find("#delete").click();
            assertThat(shows(page, "#delete")).isEqualTo("确定删除楼栋 b08？再点一次即删除");
            assertThat(building("b08")).isNotNull();
            page.find("#delete").click();
            assertThat(shows(page, "#status")).isEqualTo("已删除楼栋 b08");
            assertThat(building("b08")).isNull();
            assertThat(page.all("#buildings [data-building]")).extracting(e -> e.getAttribute("data-building")).containsExactly("b07");
            page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
        }

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.EN)) {
            page.driver.manage().window().setSize(PageBrowser.WALL);
            page.signIn("buildings.html", "admin", TestPark.ADMIN_PASSWORD);
            assertThat(shows(page, "#buildings [data-building=b07]")).contains("七号楼 (b07)", "Gateway gw-b07",
                    "doors: 2, rooms: 1, charging areas: 1, piles: 1", "No gateway key");
            page.find("[data-edit=b07]").click();
            type(page, "[data-field='doors[0].id']", "front door");
            page.find("#editor button[type=submit]").click();
            assertThat(problemAt(page, "[data-field='doors[0].id']"))
                    .isEqualTo("Door 1's id: letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters");
            assertThat(shows(page, "#summary")).startsWith("Not saved: Door 1's id");
            page.assertAccessible("the buildings page on a wall");
            page.shoot("buildings");
            page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
        }
    }

    private static void type(PageBrowser page, String css, String text) {
        WebElement e = page.find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** The problem shown beside a field ("" when none shows), once the page answered. */
    private static String problemAt(PageBrowser page, String css) {
        page.find(css);
        return (String) page.js("const f = document.querySelector(arguments[0]);"
                + " const p = document.getElementById(f.getAttribute('aria-describedby').split(' ').pop());"
                + " return p.hidden ? '' : p.innerText", css);
    }

    /** What an element shows, once it shows something. */
    private static String shows(PageBrowser page, String css) {
        page.find(css);
        return await().atMost(Duration.ofSeconds(10)).until(() -> (String) page.js(
                "const e = document.querySelector(arguments[0]); return e && e.innerText ? e.innerText : null", css),
                java.util.Objects::nonNull);
    }
}
