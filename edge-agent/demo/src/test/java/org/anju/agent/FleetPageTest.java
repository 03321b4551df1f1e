package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.anju.agent.store.AppendResult;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;
import org.anju.bridge.testing.Uplinks;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.pile.PileLimits;

import io.vertx.core.json.JsonObject;

/**
 * The fleet page in Debian's headless Chromium, against a park on Debian's Mosquitto and two real
 * gateway agents: building 7's, whose lobby bus has no serial server and whose outbox kept 1,500
 * events from an outage (draining at one a second), and building 12's, stopped after it reported
 * (offline, and stale once 2.5 of its 2 s periods pass); building 20's gateway never connected. On
 * a phone in Chinese the admin reads each problem in words with since when, filters by problem and
 * village, and the page passes axe; on a wall screen in English the same problems read in English.
 */
@Tag("peer")
@Tag("wire")
class FleetPageTest {
    private static final String[] NAMES = {"shed", "lobby"};

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private ParkBridge park;
    private String admin;

    private JsonObject fleet() throws Exception {
        return new JsonObject(TestPark.call(park.port(), "GET", "/api/v1/fleet", admin, null).body());
    }

    private JsonObject gateway(String id) throws Exception {
        return fleet().getJsonArray("gateways").stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("gateway").equals(id)).findFirst().orElseThrow();
    }

    private static List<String> kinds(JsonObject g) {
        return g.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("kind")).toList();
    }

    /** What a gateway's outbox kept while the park was away: written to its SQLite file before it starts. */
    private static void backlog(Path dataDir, int events) throws Exception {
        Files.createDirectories(dataDir);
        GatewayDatabase db = ((OpenResult.Opened) GatewayDatabase.open(dataDir.resolve("gateway.db"))).database();
        try (Outbox outbox = new Outbox(db, Clock.systemUTC())) {
            List<CompletableFuture<AppendResult>> appended = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                appended.add(outbox.append(new OutboxEvent.New(Priority.STATE, "door.closed", "{\"door\":\"entrance\"}")));
            }
            CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).join();
            assertThat(appended).allSatisfy(a -> assertThat(a.join()).isInstanceOf(AppendResult.Stored.class));
        } finally {
            db.close();
        }
    }

    @Test
    void theAdminSeesABusDownABacklogAndAStoppedGatewayInWordsWithSinceWhenOnAPhoneAndAWall() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        park = closer.keep(TestPark.onBroker(dir, "uri: \"" + broker.uri() + "\"", """
                [{id: b07, name: 7 号楼, village: 东风三村, gateway: gw-b07, gatewayKeyFile: gw-b07/gateway.pub.pem},
                 {id: b12, name: 12 号楼, village: 东风五村, gateway: gw-b12, gatewayKeyFile: gw-b12/gateway.pub.pem},
                 {id: b20, name: 20 号楼, village: 东风五村, gateway: gw-b20}]"""));
        admin = new JsonObject(TestPark.call(park.port(), "POST", "/api/v1/login", null, new JsonObject().put("login", "admin")
                .put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
        Uplinks.writeParkKey(dir);
        TcpSerialServer pile7 = closer.keep(TcpSerialServer.onFreeLoopbackPort(new PileSimulator(10, PileLimits.DEFAULTS).onLine(1)));
        TcpSerialServer pile12 = closer.keep(TcpSerialServer.onFreeLoopbackPort(new PileSimulator(10, PileLimits.DEFAULTS).onLine(1)));
        int nobody;
        try (ServerSocket reserved = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = reserved.getLocalPort(); // the lobby's serial server is not there
        }
        backlog(dir.resolve("gw-b07"), 1_500);
        Path seven = Files.writeString(dir.resolve("site-b07.yaml"), """
                gateway: {id: gw-b07, gpio: mock, dataDir: gw-b07}
                park: {id: huaqiao, broker: %s, drainRate: 1, commandKeys: [{id: park-test, file: park-test.pub.pem}]}
                buses:
                  - {id: shed, port: "tcp://127.0.0.1:%d", pollInterval: 200ms, devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]}
                  - {id: lobby, port: "tcp://127.0.0.1:%d", pollInterval: 200ms, devices: [{id: lift-board, profile: modbus-relay-8, address: 10}]}
                chargingAreas: [{id: bike-shed, piles: [pile-1]}]
                endpoints: {localApi: {bind: 127.0.0.1, port: 0}}
                """.formatted(broker.uri(), pile7.port(), nobody));
        Path twelve = Files.writeString(dir.resolve("site-b12.yaml"), """
                gateway: {id: gw-b12, gpio: mock, dataDir: gw-b12}
                park: {id: huaqiao, broker: %s, statusEvery: 2s, commandKeys: [{id: park-test, file: park-test.pub.pem}]}
                buses:
                  - {id: shed, port: "tcp://127.0.0.1:%d", pollInterval: 200ms, devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}]}
                chargingAreas: [{id: bike-shed, piles: [pile-1]}]
                endpoints: {localApi: {bind: 127.0.0.1, port: 0}}
                """.formatted(broker.uri(), pile12.port()));
        closer.keep(RunningGateway.start(seven));
        RunningGateway b12 = closer.keep(RunningGateway.start(twelve));
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds(gateway("gw-b07")).containsAll(List.of("busDown", "backlog"))
                && gateway("gw-b12").containsKey("lastReportAt") && kinds(gateway("gw-b12")).isEmpty());
        b12.gateway().stop(); // building 12's gateway is stopped, as its service would be
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(gateway("gw-b12")).containsAll(List.of("offline", "stale")));

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.ZH)) {
            page.driver.manage().window().setSize(PageBrowser.PHONE);
            page.signIn("fleet.html", "admin", TestPark.ADMIN_PASSWORD);
            assertThat(shows(page, "#fleet [data-gateway=gw-b07] [data-kind=busDown]")).contains("总线 lobby 不通，其上 1 台设备无法访问", "自 ");
            assertThat(shows(page, "#fleet [data-gateway=gw-b07] [data-kind=backlog]")).containsPattern("\\d+ 条事件等待园区确认")
                    .contains("自 ");
            assertThat(shows(page, "#fleet [data-gateway=gw-b07]")).contains("东风三村", "在线", "待确认事件", "lobby 不通");
            assertThat(shows(page, "#fleet [data-gateway=gw-b12] [data-kind=offline]")).contains("网关离线", "自 ");
            assertThat(shows(page, "#fleet [data-gateway=gw-b12] [data-kind=stale]"))
                    .contains("没有新的状态报告（应每 2 秒一次），所示数据已过时", "自 ");
            assertThat(shows(page, "#fleet [data-gateway=gw-b20]")).contains("网关从未连接园区", "从未发送状态报告");
            assertThat(shows(page, "#summary")).isEqualTo("共 3 个网关，3 个有问题；显示 3 个");
            assertThat(((Number) page.js("return document.documentElement.scrollWidth")).intValue()).as("fits the phone")
                    .isLessThanOrEqualTo(360);
            page.assertNoEnglishShows("the fleet", NAMES);
            page.assertAccessible("the fleet page");
            page.shoot("fleet");

            // the gateway's own words, behind a click
            page.find("#fleet [data-gateway=gw-b07] [data-kind=busDown] .words-toggle");
            page.js("document.querySelector('#fleet [data-gateway=gw-b07] [data-kind=busDown] .words-toggle').click()");
            assertThat(shows(page, "#fleet [data-gateway=gw-b07] [data-kind=busDown] .words"))
                    .contains("127.0.0.1:" + nobody);

            // by problem, then by village: the choice kept in the address
            new Select(page.find("#problem")).selectByValue("busDown");
            await().atMost(Duration.ofSeconds(10)).until(() -> gateways(page).equals(List.of("gw-b07")));
            assertThat(page.driver.getCurrentUrl()).endsWith("#problem=busDown");
            new Select(page.find("#problem")).selectByValue("");
            new Select(page.find("#village")).selectByVisibleText("东风五村");
            await().atMost(Duration.ofSeconds(10)).until(() -> gateways(page).equals(List.of("gw-b12", "gw-b20")));
            assertThat(new Select(page.find("#building")).getOptions()).extracting(WebElement::getText)
                    .containsExactly("全部", "12 号楼 (b12)", "20 号楼 (b20)");
            page.assertAccessible("the fleet page, filtered");
            page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
        }

        try (PageBrowser page = new PageBrowser("http://127.0.0.1:" + park.port(), PageBrowser.Lang.EN)) {
            page.driver.manage().window().setSize(PageBrowser.WALL);
            page.signIn("fleet.html", "admin", TestPark.ADMIN_PASSWORD);
            assertThat(shows(page, "#fleet [data-gateway=gw-b07] [data-kind=busDown]"))
                    .contains("Bus lobby is down; devices on it cannot be reached (1)", "since ");
            assertThat(shows(page, "#fleet [data-gateway=gw-b07] [data-kind=backlog]")).containsPattern("\\d+ events wait for the park's confirmation");
            assertThat(shows(page, "#fleet [data-gateway=gw-b12] [data-kind=stale]"))
                    .contains("No new status report (one is due every 2 s); the figures shown are out of date");
            assertThat(shows(page, "#fleet [data-gateway=gw-b20]")).contains("The gateway has never connected to the park");
            page.assertAccessible("the fleet page on a wall");
            page.shoot("fleet");
            page.assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken();
        }
    }

    /** The gateways shown, in order, read in one go: the page redraws its cards every 10 s. */
    @SuppressWarnings("unchecked")
    private static List<String> gateways(PageBrowser page) {
        return (List<String>) page.js("return [...document.querySelectorAll('#fleet [data-gateway]')].map(e => e.dataset.gateway)");
    }

    /** What an element shows (as a person reads it: hidden parts left out), once it is there; read in one go. */
    private static String shows(PageBrowser page, String css) {
        page.find(css);
        return await().atMost(Duration.ofSeconds(10)).until(() -> (String) page.js(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null", css), java.util.Objects::nonNull);
    }
}
