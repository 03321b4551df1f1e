package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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
    /**
     * Every library a gateway runs, by name. A new one is a decision (what does a gateway need it for,
     * what does it weigh on a 1 GB board), so it is added here by hand; the park's service and store,
     * the demo's broker, the benchmarks and the simulators never are.
     */
    private static final Set<String> GATEWAY_LIBRARIES = Set.of(
            // the agent and the project's libraries it runs
            "edge-agent", "device-profiles", "firmware-protocols", "park-link",
            // the local store
            "sqlite-jdbc",
            // RS-485 and GPIO
            "jSerialComm", "jna", "pi4j-core", "pi4j-library-gpiod", "pi4j-library-linuxfs", "pi4j-plugin-gpiod",
            "pi4j-plugin-linuxfs", "pi4j-plugin-mock",
            // the wireless locks' CoAP over DTLS
            "californium-core", "californium-legal", "element-connector", "scandium",
            // the park link (MQTT 5; 3.1.1 for brokers that speak nothing newer) and its Ed25519 signatures
            // (BouncyCastle's RFC 8032 code: a tenth of the JDK's time per signature; cut to that code and what it loads)
            "org.eclipse.paho.mqttv5.client", "org.eclipse.paho.client.mqttv3", "bcprov-jdk18on",
            // site files and JSON
            "jackson-annotations", "jackson-core", "jackson-databind", "jackson-dataformat-yaml",
            "jackson-datatype-jsr310", "snakeyaml",
            // the runtime and the local API
            "vertx-core", "vertx-core-logging", "vertx-web", "vertx-web-common", "vertx-auth-common",
            "vertx-bridge-common", "netty-buffer", "netty-codec-base", "netty-codec-compression", "netty-codec-dns",
            "netty-codec-http", "netty-codec-http2", "netty-codec-socks", "netty-common", "netty-handler",
            "netty-handler-proxy", "netty-resolver", "netty-resolver-dns", "netty-transport",
            "netty-transport-native-unix-common",
            // /metrics
            "micrometer-core", "micrometer-commons", "micrometer-observation", "micrometer-registry-prometheus",
            "HdrHistogram", "prometheus-metrics-config", "prometheus-metrics-core",
            "prometheus-metrics-exposition-textformats",
            "prometheus-metrics-model", "prometheus-metrics-tracer-common", "jspecify",
            // logging
            "slf4j-api", "slf4j-jdk14");

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
        // the cut-down sqlite-jdbc and BouncyCastle of lib/ run here: the native store opens, a signature verifies
        assertThat(ok.output).containsPattern("this board: ok: SQLite 3\\.\\d+\\.\\d+ on Linux \\S+, Ed25519 signs and verifies, \\d+ serial ports seen");
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
        // the agent writes its data folder only, where the park's deployed site files are kept: /etc/anju stays read only
        assertThat(unit.lines().filter(l -> l.startsWith("ReadWritePaths="))).containsExactly("ReadWritePaths=/var/lib/anju");
        assertThat(home.resolve("bin/anju-agent")).isExecutable();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(j -> j.getFileName().toString()))
                    .anyMatch(j -> j.startsWith("edge-agent-")).anyMatch(j -> j.startsWith("sqlite-jdbc-"));
        }
    }

    @Test
    void theArtefactHoldsOnlyWhatAGatewayRuns() throws Exception {
        Set<String> names = new TreeSet<>();
        long bytes = 0;
        long sqlite = 0;
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString().replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "");
                names.add(name);
                bytes += Files.size(jar);
                if (name.equals("sqlite-jdbc")) {
                    sqlite = Files.size(jar);
                }
            }
        }
        assertThat(names).as("lib/ beside the gateway's libraries").isSubsetOf(GATEWAY_LIBRARIES)
                .contains("edge-agent", "park-link", "sqlite-jdbc");
        assertThat(names).noneMatch(n -> n.contains("park-bridge") || n.contains("moquette") || n.contains("postgresql")
                || n.contains("anju-demo") || n.contains("anju-bench") || n.contains("selenium") || n.contains("uplot"));
        // the cut JNA keeps its classes and the natives of the boards a gateway runs on, and only those
        try (Stream<Path> jars = Files.list(home.resolve("lib"));
             java.util.zip.ZipFile jna = new java.util.zip.ZipFile(jars.filter(j -> j.getFileName().toString().startsWith("jna-"))
                     .findFirst().orElseThrow().toFile())) {
            List<String> natives = jna.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.contains("jnidispatch")).sorted().toList();
            assertThat(natives).containsExactly("com/sun/jna/linux-aarch64/libjnidispatch.so",
                    "com/sun/jna/linux-arm/libjnidispatch.so", "com/sun/jna/linux-armel/libjnidispatch.so",
                    "com/sun/jna/linux-x86-64/libjnidispatch.so");
            assertThat(jna.getEntry("com/sun/jna/Native.class")).isNotNull();
        }
        // the size an installer copies, reported (a figure, not a goal held by a test)
        System.out.printf(Locale.ROOT, "agent artefact: %d jars, %.1f MB in lib/ (sqlite-jdbc with its natives: %.1f MB)%n",
                names.size(), bytes / 1048576.0, sqlite / 1048576.0);
    }
}
