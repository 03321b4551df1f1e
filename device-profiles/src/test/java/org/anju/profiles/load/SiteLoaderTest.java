package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.anju.profiles.model.Door;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.ParkLink;
import org.anju.profiles.model.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent gets from {@link SiteLoader#load(Path)}. */
class SiteLoaderTest {

    @Test
    void relativePathsAreResolvedAgainstTheSiteFilesFolderAndDefaultsAreFilledIn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-1}
                park:
                  id: dongfeng
                  broker: ssl://mqtt.park.example:8883
                  username: gw-1
                  passwordFile: secrets/mqtt-password
                  certFile: tls/gw-1.pem
                  keyFile: /etc/anju/gw-1.key
                  commandKeys:
                    - {id: park-2026, file: keys/park-2026.pem}
                """);

        LoadResult result = SiteLoader.load(file);

        assertThat(result).isInstanceOf(LoadResult.Loaded.class);
        Site site = ((LoadResult.Loaded) result).site();
        assertThat(site.park().password()).contains(new ParkLink.FromFile(dir.resolve("secrets/mqtt-password")));
        assertThat(site.park().clientId()).isEqualTo("anju-dongfeng-gw-1");
        assertThat(site.park().clientCertificate()).contains(
                new ParkLink.ClientCertificate(dir.resolve("tls/gw-1.pem"), Path.of("/etc/anju/gw-1.key")));
        assertThat(site.park().commandKeys()).containsExactly(
                new ParkLink.CommandKey("park-2026", dir.resolve("keys/park-2026.pem")));
        assertThat(site.park().caFile()).isEmpty();
        assertThat(site.park().drainRate()).isEqualTo(500);
        assertThat(site.park().statusEvery()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(site.configVersion()).as("the configuration the gateway reports: the file's SHA-256")
                .isEqualTo("sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(java.nio.file.Files.readAllBytes(file))));
        assertThat(site.gateway().name()).isEqualTo("gw-1");
        assertThat(site.endpoints().localApi().port()).isEqualTo(8080);
        assertThat(site.endpoints().metrics()).as("metrics need the token unless the file opens them")
                .isEqualTo(org.anju.profiles.model.Endpoints.MetricsAccess.TOKEN);
        assertThat(site.endpoints().coap()).isEmpty();
    }

    @Test
    void theLocalApisMetricsAreOpenedOnlyByTheWordOpen(@TempDir Path dir) throws IOException {
        String site = """
                gateway: {id: gw-1}
                park: {id: dongfeng, broker: tcp://127.0.0.1:1883}
                endpoints:
                  localApi: {bind: 0.0.0.0, port: 8080, metrics: %s}
                """;
        LoadResult open = SiteLoader.load(Files.writeString(dir.resolve("open.yaml"), site.formatted("open")));
        assertThat(((LoadResult.Loaded) open).site().endpoints().metrics()).isEqualTo(org.anju.profiles.model.Endpoints.MetricsAccess.OPEN);
        LoadResult wrong = SiteLoader.load(Files.writeString(dir.resolve("wrong.yaml"), site.formatted("public")));
        assertThat(wrong).isInstanceOfSatisfying(LoadResult.Invalid.class, invalid -> assertThat(invalid.problems())
                .singleElement().asString().contains("wrong.yaml:4").contains("metrics").contains("token").contains("open"));
    }

    @Test
    void aGpioDoorCarriesItsEffectivePinsWithTheProfilesLevels() {
        LoadResult.Loaded loaded = (LoadResult.Loaded) SiteLoader.load(Source.resource("sites/dormitory-block.yaml"));

        Door west = loaded.site().door("west-gate").orElseThrow();
        LockBinding.Gpio lock = (LockBinding.Gpio) west.lock();
        assertThat(lock.relay().pin()).isEqualTo(16);
        assertThat(lock.relay().activeLevel()).isEqualTo(lock.profile().relay().activeLevel());
        assertThat(lock.doorSensor().orElseThrow().pin()).isEqualTo(20);
        assertThat(lock.exitButton().orElseThrow().pin()).isEqualTo(21);
        assertThat(west.reader().orElseThrow().d0Pin()).isEqualTo(12);
        assertThat(loaded.catalog().find("gpio-strike-fail-secure")).isPresent();
    }

    @Test
    void anUnreadableFileIsAProblemNotAnException(@TempDir Path dir) {
        LoadResult result = SiteLoader.load(dir.resolve("missing.yaml"));

        assertThat(result).isInstanceOfSatisfying(LoadResult.Invalid.class, invalid -> assertThat(invalid.problems())
                .extracting(Object::toString).containsExactly(dir.resolve("missing.yaml")
                        + ":1:1: no such file; give the path of a profile or site file, or of a folder that holds them"));
    }

    @Test
    void aSiteCanNameItsOwnProfilesFolder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/side-strike.yaml"), """
                id: side-strike
                kind: door-lock
                protocol: gpio
                lockType: fail-secure
                relay: {pin: 12}
                """);
        Path file = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-1}
                park: {id: test-park, broker: tcp://127.0.0.1:1883}
                profiles: profiles
                doors:
                  - {id: side, building: A, floor: "1", entrance: side, lock: {gpio: {profile: side-strike}}}
                """);

        LoadResult result = SiteLoader.load(file);

        assertThat(result).isInstanceOfSatisfying(LoadResult.Loaded.class, loaded -> {
            assertThat(loaded.catalog().sourceOf("side-strike")).isEqualTo(Optional.of(dir.resolve("profiles/side-strike.yaml").toString()));
            assertThat(((LockBinding.Gpio) loaded.site().doors().get(0).lock()).relay().pin()).isEqualTo(12);
        });
    }
}
