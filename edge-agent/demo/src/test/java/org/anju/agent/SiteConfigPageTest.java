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
import org.openqa.selenium.Keys;

import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * The site file page in Debian's headless Chromium, against a park on SQLite whose broker is not
 * there: on a phone in Chinese the admin sees that the gateway has not said what it runs, the newest
 * version in the editor, an edit with a problem refused by line and column (nothing saved), and a
 * deployment the park could not send shown as failed with why. On a wall screen in English the same
 * page. axe passes on both.
 */
@Tag("peer")
@Tag("wire")
class SiteConfigPageTest {
    private static final String SITE = """
            gateway: {id: gw-b07, gpio: mock, dataDir: /var/lib/anju}
            park: {id: p1, broker: "tcp://park-broker.invalid"}
            doors:
              - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
            """;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private static String shows(PageBrowser page, String css) {
        page.find(css);
        return await().atMost(Duration.ofSeconds(10)).until(() -> (String) page.js(
                "const e = document.querySelector(arguments[0]); return e && e.offsetParent && e.innerText ? e.innerText : null", css),
                java.util.Objects::nonNull);
    }

    @Test
    void theAdminSeesWhatTheGatewayRunsEditsRefusedByLineAndADeploymentsOutcome() throws Exception {
        ParkBridge park = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b07, name: 7 号楼, gateway: gw-b07, doors: [{id: entrance}]}
                """, Clock.systemUTC()));
        String admin = new JsonObject(TestPark.call(park.port(), "POST", "/api/v1/login", null, new JsonObject().put("login", "admin")
                .put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        assertThat(TestPark.call(park.port(), "POST", "/api/v1/park/gateways/gw-b07/site", admin,
                new JsonObject().put("text", SITE).encode()).statusCode()).isEqualTo(201);

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.ZH)) {
            page.driver.manage().window().setSize(PageBrowser.PHONE);
            page.signIn("buildings.html", "admin", TestPark.ADMIN_PASSWORD);
            page.find("[data-site=gw-b07]").click();
            assertThat(shows(page, "#gateway-title")).isEqualTo("网关 gw-b07");
            assertThat(shows(page, "#running")).isEqualTo("网关尚未报告正在运行的配置");
            assertThat(shows(page, "#drift")).isEqualTo("是否一致未知：网关尚未报告");
            assertThat(shows(page, "#deployment")).isEqualTo("尚未下发过");
            assertThat((String) page.js("return document.getElementById('text').value")).isEqualTo(SITE);
            assertThat(shows(page, "[data-deploy='1']")).isEqualTo("下发第 1 版");
            assertThat(((Number) page.js("return document.documentElement.scrollWidth")).intValue()).as("fits the phone")
                    .isLessThanOrEqualTo(360);
            page.assertNoEnglishShows("the site file page", "gw-b07", "sha256", "admin");
            page.assertAccessible("the site file page");
            page.shoot("site-file");

            page.js("document.getElementById('text').value = arguments[0]", SITE.replace("gpio-maglock-fail-safe", "no-such-lock"));
            page.find("#save").click();
            assertThat(shows(page, "#problems li")).startsWith("第 4 行第 86 列：there is no profile 'no-such-lock'");
            assertThat(shows(page, "#save-status")).isEqualTo("配置文件有 1 处问题，未保存：见各行说明");
            page.find("#seconds").clear();
            page.find("#seconds").sendKeys("30", Keys.TAB);
            page.find("[data-deploy='1']").click();
            assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> shows(page, "#deployment"), s -> s.contains("下发失败")))
                    .startsWith("第 1 版下发失败（").contains("not sent: not connected to the broker");
            page.assertAccessible("the site file page with a refused edit and a failed deployment");
            page.shoot("site-file-refused");
            page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
        }

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.EN)) {
            page.driver.manage().window().setSize(PageBrowser.WALL);
            page.signIn("site.html?gateway=gw-b07", "admin", TestPark.ADMIN_PASSWORD);
            assertThat(shows(page, "#running")).isEqualTo("The gateway has not reported what it runs yet");
            assertThat(shows(page, "#deployment")).startsWith("Version 1 failed (sent at ");
            page.assertAccessible("the site file page");
            page.shoot("site-file");
        }
        JsonObject view = new JsonObject(TestPark.call(park.port(), "GET", "/api/v1/park/gateways/gw-b07/site", admin, null).body());
        assertThat(view.getJsonArray("versions")).as("the refused edit was not saved").hasSize(1);
    }
}
