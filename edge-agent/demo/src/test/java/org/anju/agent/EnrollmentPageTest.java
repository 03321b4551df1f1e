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

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * The buildings page's enrollment code in Debian's headless Chromium, against a park on SQLite:
 * on a phone in Chinese the admin asks for building 7's gateway code and sees the code, the
 * command to run on the gateway and its QR code, which a phone's camera reads as that command; the
 * code shown enrolls the gateway (and a second one asked for voids the first). On a wall screen in
 * English the same. axe passes on both; no English words beyond the command on the Chinese page.
 */
@Tag("peer")
@Tag("wire")
class EnrollmentPageTest {
    /** The command is shown as it is typed: its words are names, not prose. */
    private static final String[] COMMAND = {"anju", "agent", "enroll", "park", "http", "code"};

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

    private static int enroll(ParkBridge park, String code) throws Exception {
        return TestPark.call(park.port(), "POST", "/api/v1/enroll", null, new JsonObject().put("code", code)
                .put("publicKey", Ed25519Keys.toPem(Ed25519Keys.generate().getPublic())).encode()).statusCode();
    }

    @Test
    void theAdminGetsTheGatewaysCodeAsTextAndQrOnAPhoneAndAWall() throws Exception {
        ParkBridge park = closer.keep(TestPark.start(dir, """
                http: {port: 0}
                buildings:
                  - {id: b07, name: 7 号楼, gateway: gw-b07, doors: [{id: entrance}]}
                """, Clock.systemUTC()));
        String first;
        String second;
        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.ZH)) {
            page.driver.manage().window().setSize(PageBrowser.PHONE);
            page.signIn("buildings.html", "admin", TestPark.ADMIN_PASSWORD);
            page.find("[data-enroll=b07]").click();
            assertThat(shows(page, "#enroll-title")).isEqualTo("网关 gw-b07 的注册码");
            first = shows(page, "#enroll-code");
            assertThat(first).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
            String command = shows(page, "#enroll-command");
            assertThat(command).isEqualTo("anju agent enroll --park http://127.0.0.1:" + park.port() + " --code " + first);
            assertThat(shows(page, "#enroll-hint")).startsWith("在网关上运行下面的命令（或扫描二维码）。注册码只能用一次，");
            assertThat(page.readQrCode("#enroll-qr")).as("the QR code as a camera reads it").isEqualTo(command);
            assertThat(page.find("#enroll-qr").getAttribute("alt")).isEqualTo("注册命令的二维码");
            assertThat(((Number) page.js("return document.documentElement.scrollWidth")).intValue()).as("fits the phone")
                    .isLessThanOrEqualTo(360);
            page.assertNoEnglishShows("the buildings page with an enrollment code", COMMAND);
            page.assertAccessible("the buildings page with an enrollment code");
            page.shoot("buildings-enrollment");
            page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
        }

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.EN)) {
            page.driver.manage().window().setSize(PageBrowser.WALL);
            page.signIn("buildings.html", "admin", TestPark.ADMIN_PASSWORD);
            assertThat(shows(page, "[data-enroll=b07]")).isEqualTo("Enroll its gateway");
            page.find("[data-enroll=b07]").click();
            assertThat(shows(page, "#enroll-title")).isEqualTo("Enrollment code for gateway gw-b07");
            second = shows(page, "#enroll-code");
            assertThat(second).isNotEqualTo(first);
            assertThat(page.readQrCode("#enroll-qr")).endsWith(" --code " + second);
            assertThat(shows(page, "#enroll-hint")).startsWith("Run this command on the gateway (or scan the QR code).");
            page.assertAccessible("the buildings page with an enrollment code");
            page.shoot("buildings-enrollment");
            page.find("#enroll-close").click();
            await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) page.js(
                    "return document.getElementById('enrollment').offsetParent === null"));
        }
        assertThat(enroll(park, first)).as("the code shown first was voided by the second").isEqualTo(400);
        assertThat(enroll(park, second)).as("the code shown last enrolls the gateway").isEqualTo(200);
    }
}
