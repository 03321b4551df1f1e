package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandCompletion;
import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.bridge.testing.Uplinks;
import org.anju.profiles.model.Site;

/**
 * The park deploys site files to a gateway that runs as the agent does ({@link SiteRunner}), on
 * Debian's Mosquitto, laid out as the package installs it: the installer's file in a folder the agent
 * cannot write ({@code etc}, made immutable, which holds for root too, as {@code ProtectSystem=strict}
 * makes {@code /etc/anju}) and the data folder elsewhere ({@code var}). A file that adds a door runs
 * and its door answers; a file that loses the park (a broker that is not there) is rolled back by the
 * gateway itself within the command's time, which says why once it is back; a file with a problem is
 * refused by line and nothing changes. The installer's folder is byte for byte as it was after each.
 */
@Tag("peer")
@Tag("wire")
class SiteDeployTest {
    private static final Topics GATEWAY = new Topics("test-park", "gw-site");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final CommandSigner park = new CommandSigner(Uplinks.PARK_KEY_ID, Uplinks.PARK_KEY.getPrivate(), Clock.systemUTC());
    private MosquittoBroker broker;
    private ParkClient parkClient;
    private SiteRunner runner;
    private CompletableFuture<Integer> running;
    private final List<String> said = new CopyOnWriteArrayList<>();
    private Path siteFile;
    private String original;
    private ReadOnlyFolder etc;

    private String site(String broker, String extraDoor) {
        return """
                gateway: {id: gw-site, gpio: mock, dataDir: %s}
                park:
                  id: test-park
                  broker: %s
                  commandKeys: [{id: park-test, file: park-test.pub.pem}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                %sendpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(dir.resolve("var"), broker, extraDoor);
    }

    private static final String LOBBY_DOOR =
            "  - {id: lobby, building: \"7\", floor: \"1\", room: \"101\", lock: {gpio: {profile: gpio-maglock-fail-safe, relay: 12, doorSensor: 13, exitButton: 14}}}\n";

    @BeforeEach
    void start() throws Exception {
        broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        parkClient = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        Path installed = Files.createDirectories(dir.resolve("etc"));
        Uplinks.writeParkKey(installed);
        siteFile = installed.resolve("site.yaml");
        original = site(broker.uri(), "");
        Files.writeString(siteFile, original);
        etc = closer.keep(ReadOnlyFolder.of(installed));
        runner = new SiteRunner(siteFile, Clock.systemUTC(), said::add, said::add);
        running = CompletableFuture.supplyAsync(() -> runner.run(g -> { }));
        awaitBirthNaming(digest(original));
    }

    @AfterEach
    void stop() throws Exception {
        runner.stop();
        assertThat(running.get()).as(String.join("\n", said)).isZero();
        etc.assertUnchanged();
    }

    @Test
    void aFileThatAddsADoorRunsItsDoorAnswersAndTheGatewayConfirms() throws Exception {
        assertThat(send(new CommandBody.DoorOpen("lobby", null)).result()).isEqualTo(ReplyResult.FAILED);
        String next = site(broker.uri(), LOBBY_DOOR);
        SignedCommand deploy = park.sign(GATEWAY, apply(2, next, 30), Duration.ofMinutes(1));

        CommandReply reply = send(deploy);
        assertThat(reply.result()).as(reply.detail()).isEqualTo(ReplyResult.PENDING);
        awaitBirthNaming(digest(next));
        CommandCompletion done = awaitCompletion(deploy.id());
        assertThat(done.result()).as(done.detail()).isEqualTo(ReplyResult.OK);
        assertThat(done.kind()).isEqualTo("site.apply");

        CommandReply opened = send(new CommandBody.DoorOpen("lobby", null));
        assertThat(opened.result()).as("the new door answers: " + opened.detail()).isEqualTo(ReplyResult.SENT);
        assertThat(Files.readString(dir.resolve("var/site/deployed.yaml"))).isEqualTo(next);
        assertThat(Files.readString(dir.resolve("var/site/last-good.yaml"))).isEqualTo(original);
        etc.assertUnchanged();
        assertThat(said).anyMatch(line -> line.contains("runs " + dir.resolve("var/site/deployed.yaml") + " (" + digest(next)
                + "), the site file the park deployed, in place of " + siteFile));
    }

    @Test
    void aFileThatLosesTheParkIsRolledBackByTheGatewayWithinItsTimeAndItSaysWhyWhenBack() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        String lost = site("tcp://127.0.0.1:" + nobody, LOBBY_DOOR);
        SignedCommand deploy = park.sign(GATEWAY, apply(3, lost, 10), Duration.ofMinutes(1));
        long sent = System.nanoTime();

        assertThat(send(deploy).result()).isEqualTo(ReplyResult.PENDING);
        CommandCompletion rolledBack = awaitCompletion(deploy.id());
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("back within the time and a reconnect")
                .isLessThan(Duration.ofSeconds(40));
        assertThat(rolledBack.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(rolledBack.detail()).startsWith("rolled back to " + digest(original) + ": version 3 was not ready within 10 s")
                .contains("park broker unreachable");
        assertThat(dir.resolve("var/site/deployed.yaml")).as("back on the installer's file").doesNotExist();
        etc.assertUnchanged();
        awaitBirthNaming(digest(original));
        assertThat(send(new CommandBody.DoorOpen("lobby", null)).result()).as("the door of the lost file is gone with it")
                .isEqualTo(ReplyResult.FAILED);
    }

    @Test
    void aFileWithAProblemIsRefusedByLineAndNothingChanges() throws Exception {
        String broken = site(broker.uri(), "  - {id: lobby, building: \"7\", floor: \"1\", room: \"101\", lock: {gpio: {profile: no-such-lock}}}\n");
        CommandReply refused = send(apply(4, broken, 30));

        assertThat(refused.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(refused.detail()).isEqualTo("refused, nothing changed:\nsite.yaml:8:80: there is no profile 'no-such-lock'; the door-lock profiles are: gpio-maglock-fail-safe, gpio-strike-fail-secure");
        assertThat(dir.resolve("var/site/deployment.json")).doesNotExist();
        assertThat(send(apply(5, original, 30)).result()).as("the file it runs").isEqualTo(ReplyResult.UNCHANGED);
        assertThat(runner.gateway().site().configVersion()).isEqualTo(digest(original));
    }

    private static CommandBody.SiteApply apply(long version, String text, int seconds) {
        return new CommandBody.SiteApply(version, Site.configVersionOf(text), seconds, text);
    }

    private static String digest(String text) {
        return Site.configVersionOf(text);
    }

    private CommandReply send(CommandBody body) throws Exception {
        return send(park.sign(GATEWAY, body, Duration.ofMinutes(1)));
    }

    private CommandReply send(SignedCommand command) throws Exception {
        parkClient.send(command);
        await().atMost(Duration.ofSeconds(20)).until(() -> parkClient.replyTo(command.id()) != null);
        return parkClient.replyTo(command.id());
    }

    private void awaitBirthNaming(String digest) {
        ParkSees.birthNaming(parkClient, digest, Duration.ofSeconds(30));
    }

    private CommandCompletion awaitCompletion(String requestId) {
        await().atMost(Duration.ofSeconds(45)).until(() -> ParkSees.completion(parkClient, requestId) != null);
        return ParkSees.completion(parkClient, requestId);
    }
}
