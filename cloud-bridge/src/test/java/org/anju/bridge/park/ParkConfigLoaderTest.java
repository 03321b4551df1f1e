package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.config.ParkConfigLoader;

/** park.yaml: the shipped example loads; a broken one is refused with every problem named. */
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
        assertThat(config.buildingOfGateway("gw-dongfeng-v03-b07").orElseThrow().doors()).hasSize(5);
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
                .contains(file + ": buildings: a list of the park's buildings is required");
    }
}
