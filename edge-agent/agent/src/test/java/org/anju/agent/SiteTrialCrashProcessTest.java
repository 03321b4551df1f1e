package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

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
 * The agent killed (SIGKILL, as a power cut) while it tries a deployed site file that has not been
 * confirmed (it names a broker that is not there, with an hour to become ready): the next start
 * does not try it again nor wait out its hour. It rolls back to the last good file at once, says so,
 * and once back on the park's broker completes the deployment FAILED with why; the installer's
 * folder is as it was.
 */
@Tag("process")
@Tag("wire")
class SiteTrialCrashProcessTest {
    private static final Topics GATEWAY = new Topics("test-park", "gw-trial");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;
    private final CommandSigner park = new CommandSigner(Uplinks.PARK_KEY_ID, Uplinks.PARK_KEY.getPrivate(), Clock.systemUTC());

    private String site(String broker) {
        return """
                gateway: {id: gw-trial, gpio: mock, dataDir: %s}
                park:
                  id: test-park
                  broker: %s
                  commandKeys: [{id: park-test, file: park-test.pub.pem}]
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(dir.resolve("var"), broker);
    }

    @Test
    void aTrialCutShortByAKillIsRolledBackAtTheNextStartAndTheParkIsToldWhy() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        ParkClient parkClient = closer.keep(ParkClient.connect(broker.uri(), GATEWAY, false));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Uplinks.writeParkKey(etc);
        String original = site(broker.uri());
        Path siteFile = Files.writeString(etc.resolve("site.yaml"), original);
        ReadOnlyFolder installed = closer.keep(ReadOnlyFolder.of(etc));

        AgentProcess first = closer.keep(AgentProcess.start(siteFile));
        awaitBirthNaming(parkClient, digest(original));
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        String lost = site("tcp://127.0.0.1:" + nobody) + "# version 2\n";
        SignedCommand deploy = park.sign(GATEWAY, new CommandBody.SiteApply(2, digest(lost), 3600, lost), Duration.ofMinutes(1));
        parkClient.send(deploy);
        await().atMost(Duration.ofSeconds(20)).until(() -> parkClient.replyTo(deploy.id()) != null);
        CommandReply reply = parkClient.replyTo(deploy.id());
        assertThat(reply.result()).as(reply.detail()).isEqualTo(ReplyResult.PENDING);
        Path deployed = dir.resolve("var/site/deployed.yaml");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.output().contains("runs " + deployed + " (" + digest(lost) + ")")
                && first.output().lines().filter(l -> l.contains("local API on")).count() == 2);

        first.kill();
        assertThat(dir.resolve("var/site/deployment.json")).as("the trial the kill cut short").exists();

        long restarted = System.nanoTime();
        AgentProcess second = closer.keep(AgentProcess.start(siteFile));
        assertThat(second.output()).contains("rolling back to the last good site file (" + digest(original)
                + "): version 2 was not confirmed: the agent stopped during its trial")
                .contains("runs " + siteFile + " (" + digest(original) + "): no site file deployed by the park");
        assertThat(deployed).doesNotExist();
        awaitBirthNaming(parkClient, digest(original));

        await().atMost(Duration.ofSeconds(60)).until(() -> completion(parkClient, deploy.id()) != null);
        CommandCompletion done = completion(parkClient, deploy.id());
        assertThat(done.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(done.detail()).isEqualTo("rolled back to " + digest(original)
                + ": version 2 was not confirmed: the agent stopped during its trial");
        assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("not the hour the file had").isLessThan(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(dir.resolve("var/site/deployment.json")));
        assertThat(second.alive()).isTrue();
        installed.assertUnchanged();
    }

    private static String digest(String text) {
        return Site.configVersionOf(text);
    }

    private static void awaitBirthNaming(ParkClient parkClient, String digest) {
        ParkSees.birthNaming(parkClient, digest, Duration.ofSeconds(60));
    }

    private static CommandCompletion completion(ParkClient parkClient, String requestId) {
        return ParkSees.completion(parkClient, requestId);
    }
}
