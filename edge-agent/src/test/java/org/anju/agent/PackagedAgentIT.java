package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable artefact as an installer uses it: unpacked with tar, started by its own script
 * with nothing from the build on the class path, and its systemd unit pointing at that script.
 */
class PackagedAgentIT {
    @TempDir
    Path dir;
    private Path home;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            tarball = files.filter(f -> f.getFileName().toString().endsWith("-dist.tar.gz")).findFirst().orElseThrow();
        }
        assertThat(run(List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", dir.toString())).exit).isZero();
        home = dir.resolve("anju-agent");
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theUnpackedAgentChecksASiteFileAndRefusesABrokenOne() throws Exception {
        Path good = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-pack, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}
                doors:
                  - {id: entrance, building: "1", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                """);
        Result ok = run(List.of(home.resolve("bin/anju-agent").toString(), "--config", good.toString(), "--check"));
        assertThat(ok.exit).as(ok.output).isZero();
        assertThat(ok.output).contains("ok: gateway gw-pack, 1 doors");
        assertThat(dir.resolve("data")).as("a check changes nothing").doesNotExist();

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "gateway: {id: gw-pack}\npark: {broker: tcp://x:1883}\n");
        Result refused = run(List.of(home.resolve("bin/anju-agent").toString(), "--config", broken.toString(), "--check"));
        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.output).contains(broken + ":2:").contains("missing key 'id'");
    }

    @Test
    void theSystemdUnitRunsThePackagedScriptAsItsOwnUserWithAWatchdog() throws Exception {
        String unit = Files.readString(home.resolve("systemd/anju-agent.service"));
        assertThat(unit).contains("ExecStart=/opt/anju-agent/bin/anju-agent --config /etc/anju/site.yaml")
                .contains("Type=notify").contains("WatchdogSec=").contains("User=anju").contains("Restart=on-failure")
                .contains("NoNewPrivileges=yes").contains("ProtectSystem=strict");
        assertThat(home.resolve("bin/anju-agent")).isExecutable();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(j -> j.getFileName().toString()))
                    .anyMatch(j -> j.startsWith("edge-agent-")).anyMatch(j -> j.startsWith("sqlite-jdbc-"));
        }
    }
}
