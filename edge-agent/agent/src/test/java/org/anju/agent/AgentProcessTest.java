package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code anju agent} as its own process, killed with SIGKILL while doors are being opened and
 * started again: every event it had committed is still there, and numbering goes on from where
 * it stopped, without a gap or a number used twice.
 */
@Tag("process")
@Tag("wire")
class AgentProcessTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private AgentProcess agent;
    private TcpSerialServer boardServer;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (boardServer != null) {
            boardServer.close();
        }
    }

    private Path site() throws Exception {
        boardServer = TcpSerialServer.onFreeLoopbackPort(new LockBoardSimulator(1));
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                gateway: {id: gw-proc, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker in these runs: nothing may wait on the park
                buses:
                  - id: locks
                    port: tcp://127.0.0.1:%d
                    devices: [{id: board-1, profile: lockboard-8a-16, address: 1}]
                doors:
                  - {id: room-101, building: "7", floor: "1", room: "101", lock: {lockBoard: {device: board-1, channel: 1}}}
                  - {id: room-102, building: "7", floor: "1", room: "102", lock: {lockBoard: {device: board-1, channel: 2}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(boardServer.port()));
        return site;
    }

    /** Starts the agent and returns its API port once it says it is running. */
    private int startAgent(Path site) throws Exception {
        agent = AgentProcess.start(site);
        return agent.apiPort();
    }

    private HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
        String token = Files.readString(dir.resolve("data/api.token")).trim();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
        req = body == null ? req.method(method, HttpRequest.BodyPublishers.noBody())
                : req.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Long> sequences(int port) throws Exception {
        JsonArray events = new JsonObject(call(port, "GET", "/api/v1/events?after=0&limit=10000", null).body())
                .getJsonArray("events");
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            seqs.add(events.getJsonObject(i).getLong("seq"));
        }
        return seqs;
    }

    @Test
    void eventsCommittedBeforeSigkillSurviveAndNumberingContinues() throws Exception {
        Path site = site();
        int port = startAgent(site);
        for (int i = 0; i < 10; i++) {
            String door = i % 2 == 0 ? "room-101" : "room-102";
            var reply = call(port, "POST", "/api/v1/commands",
                    new JsonObject().put("id", "k" + i).put("kind", "door.open").put("door", door).encode());
            assertThat(new JsonObject(reply.body()).getString("result")).isEqualTo("opened");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sequences(port).size() >= 10);
        List<Long> before = sequences(port);

        agent.kill(); // SIGKILL mid-run: no shutdown hook, no clean close

        int again = startAgent(site);
        List<Long> after = sequences(again);
        assertThat(after).containsAll(before);
        var reply = call(again, "POST", "/api/v1/commands",
                new JsonObject().put("id", "k-next").put("kind", "door.open").put("door", "room-101").encode());
        assertThat(new JsonObject(reply.body()).getString("result")).isEqualTo("opened");
        await().atMost(Duration.ofSeconds(10)).until(() -> sequences(again).size() > after.size());
        List<Long> all = sequences(again);
        long last = all.get(all.size() - 1);
        assertThat(all).doesNotHaveDuplicates().isSorted().hasSize((int) last);
        assertThat(last).isGreaterThan(before.get(before.size() - 1));
    }

    @Test
    void aBrokenSiteFileIsRefusedWithTheFileLineAndWhatIsWrong() throws Exception {
        Path site = dir.resolve("broken.yaml");
        Files.writeString(site, """
                gateway: {id: gw-x, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker in these runs: nothing may wait on the park
                buses:
                  - id: locks
                    port: tcp://127.0.0.1:4001
                    devices: [{id: board-1, profile: lockboard-8a-16, adress: 1}]
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AgentMain.class.getName(), "--config", site.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains(site + ":6:").contains("adress").contains("address");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
