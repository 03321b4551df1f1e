package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.TestPark;

import io.vertx.core.json.JsonObject;

/**
 * A new gateway joins the park from nothing, as an installer does it: the admin adds the building
 * and asks for a code; on the gateway, the command the admin was shown ({@code anju agent enroll
 * --park URL --code CODE}) runs as its own process against the site file that says only what is
 * wired; the gateway then starts from the file it wrote, and the park stores its events. A wrong
 * code before and the same code again after are one line each and change nothing on either side.
 * Against Debian's Mosquitto with its dynamic security plugin, the park issues the gateway its
 * own broker user, which works for its own topics and for no other gateway's.
 */
@Tag("peer")
@Tag("process")
class EnrollEndToEndTest {
    private static final String WIRED = """
            # building 9: what is wired where; the park section comes from enrollment
            gateway: {id: gw-unenrolled, gpio: mock, dataDir: gateway-data}
            doors:
              - {id: entrance, building: "9", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
            endpoints:
              localApi: {bind: 127.0.0.1, port: 0}
            """;

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private record Ran(int status, List<String> out, List<String> err) {
    }

    /** {@code anju agent ARGS} as its own process (what ./anju agent runs). */
    private Ran agent(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "agent", ".out");
        Path err = Files.createTempFile(dir, "agent", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the agent ended").isTrue();
        return new Ran(p.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    /** The words of the command the page shows, after {@code anju agent}, with the site file. */
    private static List<String> enrollCommand(String shown, Path site) {
        assertThat(shown).startsWith("anju agent enroll --park ");
        List<String> args = new ArrayList<>(List.of(shown.substring("anju agent ".length()).split(" ")));
        args.addAll(List.of("--site", site.toString()));
        return args;
    }

    private static String admin(ParkBridge park) throws Exception {
        return new JsonObject(TestPark.call(park.port(), "POST", "/api/v1/login", null, new JsonObject().put("login", "admin")
                .put("password", TestPark.ADMIN_PASSWORD).encode()).body()).getString("token");
    }

    private static JsonObject call(ParkBridge park, String admin, String method, String path, JsonObject body, int status)
            throws Exception {
        var r = TestPark.call(park.port(), method, path, admin, body == null ? null : body.encode());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    /** The admin adds building 9 with its gateway and no key, and asks for its code: the answer. */
    private static JsonObject newBuildingsCode(ParkBridge park, String admin) throws Exception {
        call(park, admin, "POST", "/api/v1/park/buildings", new JsonObject().put("id", "b09").put("name", "Building 9")
                .put("gateway", "gw-b09"), 201);
        return call(park, admin, "POST", "/api/v1/park/buildings/b09/enrollment", null, 201);
    }

    private static void openTheDoor(RunningGateway gw) throws Exception {
        JsonObject reply = GatewayProbe.command(gw.gateway(), new JsonObject().put("id", "op-1").put("kind", "door.open")
                .put("door", "entrance"));
        assertThat(reply.encode()).contains("op-1");
    }

    @Test
    void aGatewayEnrollsFromNothingRunsFromTheFileItWroteAndAUsedCodeChangesNothing() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkBridge park = closer.keep(TestPark.onBroker(dir.resolve("park"), "uri: \"" + broker.uri() + "\"", "[]"));
        await().atMost(Duration.ofSeconds(30)).until(park::brokerConnected);
        String admin = admin(park);
        JsonObject code = newBuildingsCode(park, admin);
        Path site = Files.writeString(dir.resolve("site.yaml"), WIRED);
        Path data = dir.resolve("gateway-data");

        Ran wrong = agent(enrollCommand(code.getString("command").replace(code.getString("code"), "AAAA-BBBB-CCCC-DDDD"), site));
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).as("one line").hasSize(1);
        assertThat(wrong.err().get(0)).isEqualTo("anju agent enroll: the park refused: The enrollment code is wrong, used or"
                + " expired; nothing was changed: ask the admin for a new code on the buildings page");
        assertThat(Files.readString(site)).isEqualTo(WIRED);
        assertThat(data).as("no key made, no folder").doesNotExist();

        Ran enrolled = agent(enrollCommand(code.getString("command"), site));
        assertThat(enrolled.status()).as(enrolled.err().toString()).isZero();
        assertThat(enrolled.out().get(0)).contains("gateway gw-b09 of park huaqiao (building b09) enrolled");
        assertThat(String.join("\n", enrolled.err())).contains("broker credentials were NOT issued")
                .contains("the installer makes the broker user gw-b09");
        assertThat(Files.getPosixFilePermissions(data.resolve("gateway.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String publicKey = Files.readString(data.resolve("gateway.pub.pem"));
        JsonObject building = call(park, admin, "GET", "/api/v1/park/buildings/b09", null, 200);
        assertThat(building.getString("gatewayKey")).as("the park believes the gateway's key").isEqualTo(publicKey);
        assertThat(Files.readString(dir.resolve("site.yaml.bak"))).isEqualTo(WIRED);
        String written = Files.readString(site);
        assertThat(written).startsWith("# building 9: what is wired where").contains("id: \"gw-b09\"")
                .contains("commandKeys:").contains("- {id: entrance, building: \"9\"");

        try (RunningGateway gateway = RunningGateway.start(site)) {
            openTheDoor(gateway);
            await().atMost(Duration.ofSeconds(30)).until(() -> park.ingest().storedEvents() > 0);
        }

        byte[] key = Files.readAllBytes(data.resolve("gateway.key"));
        Ran again = agent(enrollCommand(code.getString("command"), site));
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).as("one line").hasSize(1).allMatch(l -> l.contains("wrong, used or expired"));
        assertThat(Files.readString(site)).as("the site file untouched").isEqualTo(written);
        assertThat(Files.readAllBytes(data.resolve("gateway.key"))).as("the key untouched").isEqualTo(key);
        assertThat(call(park, admin, "GET", "/api/v1/park/buildings/b09", null, 200)).as("the building unchanged").isEqualTo(building);
    }

    @Test
    void withDynamicSecurityTheParkIssuesTheGatewayAUserForItsOwnTopicsOnly() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).dynamicSecurity("dynsec-admin",
                "dynsec admin password").start());
        broker.dynsec("createRole", "bridge");
        broker.dynsec("addRoleACL", "bridge", "publishClientSend", "anju/v1/#", "allow");
        broker.dynsec("addRoleACL", "bridge", "subscribePattern", "anju/v1/#", "allow");
        for (String user : List.of("bridge-huaqiao-1", "bridge-huaqiao-1-live")) {
            broker.dynsec("createClient", user, "-p", "bridge password");
            broker.dynsec("addClientRole", user, "bridge");
        }
        Path parkDir = Files.createDirectories(dir.resolve("park"));
        Files.writeString(parkDir.resolve("bridge.password"), "bridge password\n");
        Files.writeString(parkDir.resolve("dynsec.password"), "dynsec admin password\n");
        ParkBridge park = closer.keep(TestPark.onBroker(parkDir, "uri: \"" + broker.uri() + "\", username: bridge-huaqiao-1,"
                + " passwordFile: bridge.password, shared: false, dynsec: {adminUser: dynsec-admin, adminPasswordFile: dynsec.password}",
                "[]"));
        await().atMost(Duration.ofSeconds(30)).until(park::brokerConnected);
        String admin = admin(park);
        JsonObject code = newBuildingsCode(park, admin);
        Path site = Files.writeString(dir.resolve("site.yaml"), WIRED);

        var enrolled = org.anju.agent.enroll.EnrollCommand.run(enrollCommand(code.getString("command"), site).subList(1, 7));
        assertThat(enrolled.status()).as(enrolled.err().toString()).isZero();
        assertThat(enrolled.err()).isEmpty();
        assertThat(enrolled.out()).anyMatch(l -> l.contains("broker user gw-b09 issued by the park"));
        Path passwordFile = dir.resolve("gateway-data/broker.password");
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readAllLines(passwordFile).get(0);

        try (RunningGateway gateway = RunningGateway.start(site)) {
            openTheDoor(gateway);
            await().atMost(Duration.ofSeconds(30)).until(() -> park.ingest().storedEvents() > 0);
        }

        MqttAsyncClient asGateway = new MqttAsyncClient(broker.uri(), "gw-b09-probe", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("gw-b09");
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        asGateway.connect(options).waitForCompletion(10_000);
        try {
            var own = asGateway.publish("anju/v1/huaqiao/gw-b09/status", new MqttMessage("{}".getBytes(), 1, false, null));
            own.waitForCompletion(10_000);
            assertThat(own.getReasonCodes()).as("its own topic").containsOnly(0);
            var other = asGateway.publish("anju/v1/huaqiao/gw-b08/events", new MqttMessage("{}".getBytes(), 1, false, null));
            other.waitForCompletion(10_000);
            assertThat(other.getReasonCodes()).as("another gateway's topic: not authorized").containsOnly(0x87);
        } finally {
            if (asGateway.isConnected()) {
                asGateway.disconnect().waitForCompletion(10_000);
            }
            asGateway.close(true);
        }
        MqttClient wrongPassword = new MqttClient(broker.uri(), "gw-b09-guess", new MemoryPersistence());
        options.setPassword("guess".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongPassword.connect(options)).as("only its password");
        wrongPassword.close();
    }
}
