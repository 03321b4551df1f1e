package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.config.ParkConfigLoader;

/** park.yaml: the shipped example loads; a broken one is refused with every problem named. */
@Tag("process")
@Tag("wire")
class ParkConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theShippedExampleLoads() throws Exception {
        Path file = dir.resolve("park.yaml");
        try (var in = getClass().getResourceAsStream("/park/example-park.yaml")) {
            Files.copy(in, file);
        }
        var result = ParkConfigLoader.load(file);
        assertThat(result).as(result.toString()).isInstanceOf(ParkConfigLoader.Result.Loaded.class);
        ParkConfig config = ((ParkConfigLoader.Result.Loaded) result).config();
        assertThat(config.store()).isEqualTo(new ParkConfig.Store.Sqlite(Path.of("/var/lib/anju-bridge/park.db")));
        assertThat(config.buildings().stream().filter(b -> b.gateway().equals("gw-dongfeng-v03-b07")).findFirst().orElseThrow().doors()).hasSize(5);
        assertThat(config.http().tls()).as("the example serves HTTPS")
                .contains(new ParkConfig.Tls(Path.of("/etc/anju/tls/fullchain.pem"), Path.of("/etc/anju/tls/privkey.pem")));
    }

    @Test
    void anEndedRentersHistoryIsKeptHalfAYearUnlessTheParkSaysOtherwise() throws Exception {
        String park = """
                park: p1
                broker: {uri: tcp://x:1883}
                store: {sqlite: park.db}
                keys: {commandKeyId: k1, commandKeyFile: c.pem, dataKeyFile: d.key, sessionKeyFile: s.key}
                buildings: [{id: b1, gateway: gw-1}]
                %s""";
        Path none = Files.writeString(dir.resolve("none.yaml"), park.formatted(""));
        assertThat(((ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(none)).config().accessHistoryRetention())
                .isEqualTo(java.time.Duration.ofDays(180));
        Path year = Files.writeString(dir.resolve("year.yaml"), park.formatted("retention: {accessHistoryDays: 365}\n"));
        assertThat(((ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(year)).config().accessHistoryRetention())
                .isEqualTo(java.time.Duration.ofDays(365));
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), park.formatted("retention: {accessHistoryDays: 0, days: 3}\n"));
        assertThat(String.join("\n", ((ParkConfigLoader.Result.Invalid) ParkConfigLoader.load(wrong)).problems()))
                .contains("retention.accessHistoryDays: must be a whole number of days from 1 to 3650")
                .contains("retention.days: unknown key");
    }

    @Test
    void plainHttpOnTheNetworkIsRefusedUnlessAProxyTerminatesTls() throws Exception {
        String park = """
                park: p1
                broker: {uri: tcp://x:1883}
                store: {sqlite: park.db}
                http: %s
                keys: {commandKeyId: k1, commandKeyFile: c.pem, dataKeyFile: d.key, sessionKeyFile: s.key}
                buildings: [{id: b1, gateway: gw-1}]
                """;
        Path open = Files.writeString(dir.resolve("open.yaml"), park.formatted("{bind: 0.0.0.0, port: 8090}"));
        assertThat(String.join("\n", ((ParkConfigLoader.Result.Invalid) ParkConfigLoader.load(open)).problems()))
                .contains(open + ": http.tls: the API listens on 0.0.0.0 in plain HTTP").contains("trustedProxies");
        Path proxied = Files.writeString(dir.resolve("proxied.yaml"), park.formatted(
                "{bind: 0.0.0.0, port: 8090, trustedProxies: [10.0.0.5], publicUrl: 'https://anju.park.example'}"));
        ParkConfig config = ((ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(proxied)).config();
        assertThat(config.http().trustedProxies()).containsExactly("10.0.0.5");
        assertThat(config.http().publicUrl()).contains("https://anju.park.example");
        Path wrong = Files.writeString(dir.resolve("wrong.yaml"), park.formatted(
                "{trustedProxies: [proxy.park], publicUrl: 'ftp://x/y', tls: {certFile: a.pem}}"));
        assertThat(String.join("\n", ((ParkConfigLoader.Result.Invalid) ParkConfigLoader.load(wrong)).problems()))
                .contains("http.trustedProxies: 'proxy.park' is not an IP address")
                .contains("http.publicUrl: 'ftp://x/y' is not an http(s) address")
                .contains("http.tls.keyFile: missing");
    }

    @Test
    void aWeakAdminPasswordFileIsRefusedAtStartWithWhatToDo() throws Exception {
        Path file = org.anju.bridge.testing.TestPark.yaml(dir, "http: {port: 0}\nbuildings: [{id: b1, gateway: gw-1}]\n");
        Files.writeString(dir.resolve("admin.password"), "admin123\n");
        var config = ((ParkConfigLoader.Result.Loaded) ParkConfigLoader.load(file)).config();
        var start = ParkBridge.start(config, java.time.Clock.systemUTC(), 10_000);
        assertThat(start).isInstanceOfSatisfying(ParkBridge.Start.Failed.class, f -> assertThat(f.reason())
                .startsWith("admin.passwordFile " + dir.resolve("admin.password")).contains("at least 12 characters")
                .contains("openssl rand").doesNotContain("admin123"));
        assertThat(dir.resolve("park.db")).as("nothing was created").doesNotExist();
    }

    @Test
    void everyProblemIsNamedWithTheFileAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("park.yaml"), """
                park: Huaqiao Park
                broker: {uri: mqtt.park.example, password: s3cret}
                store: {sqlite: park.db, postgres: {url: x}}
                http: {port: 70000}
                keys: {commandKeyId: k1}
                buildings:
                  - {id: b1, gateway: gw-1}
                  - {id: b1, gateway: gw-1, rooms: 3}
                """);
        var result = ParkConfigLoader.load(file);
        assertThat(result).isInstanceOf(ParkConfigLoader.Result.Invalid.class);
        String problems = String.join("\n", ((ParkConfigLoader.Result.Invalid) result).problems());
        assertThat(problems).contains(file + ": park: 'Huaqiao Park' is not an id")
                .contains("broker.password: unknown key; never write a secret here: use passwordFile")
                .contains("broker.uri: 'mqtt.park.example' is not a tcp:// or ssl:// URL")
                .contains("store: give exactly one of sqlite and postgres")
                .contains("http.port: must be 0 to 65535")
                .contains("keys.commandKeyFile: missing")
                .contains("buildings[1].id: building b1 is listed twice")
                .contains("buildings[1].gateway: gateway gw-1 already serves another building")
                .contains("buildings[1].rooms: unknown key")
                .doesNotContain("s3cret");
    }

    @Test
    void theBridgeProcessRefusesABrokenFileWithExitTwoAndItsProblems() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "park: p1\nbroker: {uri: tcp://x:1883}\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ParkMain.class.getName(), "--config", file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains(file + ": store: missing").contains(file + ": keys: missing")
                .doesNotContain("buildings"); // buildings are in the park store now; park.yaml may leave them out
    }
}
