package org.anju.bridge.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installable park bridge as an installer uses it: unpacked with tar, started by its own script. */
class PackagedBridgeIT {
    @TempDir
    Path dir;

    private String run(List<String> command, int expectedExit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(expectedExit);
        return out;
    }

    @Test
    void theUnpackedBridgeChecksItsConfigurationAndNamesWhatIsMissing() throws Exception {
        Path tarball;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            tarball = files.filter(f -> f.getFileName().toString().endsWith("-dist.tar.gz")).findFirst().orElseThrow();
        }
        run(List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", dir.toString()), 0);
        Path home = dir.resolve("anju-bridge");
        String script = home.resolve("bin/anju-bridge").toString();

        // park-link ahead of Paho, so its bulk-reading CountingInputStream is the one loaded (PahoBulkDecodeTest)
        ProcessBuilder echo = new ProcessBuilder(script, "--config", "park.yaml").redirectErrorStream(true);
        echo.environment().put("JAVA", "echo");
        Process shown = echo.start();
        String command = new String(shown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shown.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(command).as("the java command the script runs").containsPattern("-cp \\S*/lib/park-link-[^/:]+\\.jar:\\S*/lib/\\* ");

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "park: p1\n");
        assertThat(run(List.of(script, "--config", broken.toString()), 2)).contains(broken + ": broker: missing");

        // the shipped example is complete; on this machine its key files do not exist, and it says which
        assertThat(run(List.of(script, "--config", home.resolve("example-park.yaml").toString()), 1))
                .contains("anju bridge: keys:").contains("/etc/anju/park-2026.pem");
        assertThat(Files.readString(home.resolve("systemd/anju-bridge.service")))
                .contains("ExecStart=/opt/anju-bridge/bin/anju-bridge --config /etc/anju/park.yaml").contains("User=anju-bridge");
        // the park's artefact drives no device: no GPIO, serial, CoAP, no gateway, no simulators; it carries the site
        // file validator the gateway runs (device-profiles, with the pure codecs' names it checks against) to check
        // the admin's site files before they are deployed
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(j -> j.getFileName().toString()).toList())
                    .anyMatch(j -> j.startsWith("park-bridge-")).anyMatch(j -> j.startsWith("park-link-"))
                    .anyMatch(j -> j.startsWith("device-profiles-"))
                    .noneMatch(j -> j.startsWith("pi4j-") || j.startsWith("jSerialComm-") || j.startsWith("californium-")
                            || j.startsWith("scandium-") || j.startsWith("edge-agent-") || j.startsWith("firmware-simulators-")
                            || j.startsWith("moquette-"));
        }
    }
}
