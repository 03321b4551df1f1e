package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.park.config.ParkYamlKeys;

/** INSTALL.md's park.yaml reference is the list the loader checks files against, and the example uses only it. */
class ParkYamlReferenceTest {
    private static final String START = "<!-- park-yaml:start -->\n";
    private static final String END = "<!-- park-yaml:end -->";

    @Test
    void theInstallPagesReferenceIsTheGeneratedOne() throws Exception {
        String page = Files.readString(Path.of("src/dist/INSTALL.md"));
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        assertThat(start).as("INSTALL.md has the park.yaml markers").isNotNegative();
        String expected = ParkYamlKeys.markdown();
        String found = page.substring(start + START.length(), end);
        if (!found.equals(expected)) {
            Path fresh = Files.writeString(Path.of("target", "park-yaml.reference.md"), expected);
            assertThat(found).as("INSTALL.md's park.yaml reference is stale; the current one is in %s", fresh).isEqualTo(expected);
        }
    }

    @Test
    void aKeyOutsideTheReferenceIsRefusedNamingTheOnesThatAre(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("park.yaml"), """
                park: p1
                broker: {uri: "tcp://park-broker.invalid", sharedd: false}   # only read, never reached
                store: {sqlite: park.db}
                keys: {commandKeyId: k, commandKeyFile: k.pem, dataKeyFile: d.key, sessionKeyFile: s.key}
                buildings: [{id: b1, gateway: gw-1, gatewayKey: gw-1.pub.pem}]
                """);
        var result = ParkConfigLoader.load(yaml);
        assertThat(result).isInstanceOf(ParkConfigLoader.Result.Invalid.class);
        assertThat(((ParkConfigLoader.Result.Invalid) result).problems())
                .anySatisfy(p -> assertThat(p).contains("broker.sharedd: unknown key").contains("shared"))
                .anySatisfy(p -> assertThat(p).contains("buildings[0].gatewayKey: unknown key").contains("gatewayKeyFile"));
    }

    @Test
    void theShippedExampleIsValid() {
        Path example = Path.of("src/main/resources/park/example-park.yaml");
        var result = ParkConfigLoader.load(example);
        assertThat(result).as(result.toString()).isInstanceOf(ParkConfigLoader.Result.Loaded.class);
    }
}
