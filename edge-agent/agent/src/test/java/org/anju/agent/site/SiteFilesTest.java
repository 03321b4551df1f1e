package org.anju.agent.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.ReplyResult;
import org.anju.profiles.model.Site;

/**
 * Deployed site files on real folders laid out as the package installs them (the installer's file in
 * {@code etc}, the data folder in {@code var}): a file with problems, one for another gateway or
 * another data folder, one whose digest is not its text's, and the file already run change nothing;
 * a good one is written to the data folder with the running file kept as the last good one and the deployment recorded with its
 * deadline, never over the installer's file; a second deployment waits until the first is settled;
 * a rollback to the installer's file removes the deployed one. At a start the deployed file runs in
 * place of the installer's until an admin edits the installer's file: then that edit runs, the
 * deployed file is set aside, and a deployment meanwhile is refused with why.
 */
class SiteFilesTest {
    @TempDir
    Path dir;
    private Path etc;
    private Path var;
    private Path installerFile;
    private String site;
    private String twoDoors;
    private final AtomicInteger restarts = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T20:00:00Z"), ZoneOffset.UTC);
    private SiteStart.Installer installer;
    private SiteFiles files;

    @BeforeEach
    void running() throws Exception {
        etc = Files.createDirectories(dir.resolve("etc"));
        var = dir.resolve("var");
        site = """
                gateway: {id: gw-1, gpio: mock, dataDir: %s}
                park: {id: p1, broker: "tcp://park.invalid"}
                doors:
                  - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                """.formatted(var);
        twoDoors = site + "  - {id: lobby, building: \"7\", floor: \"1\", room: \"101\","
                + " lock: {gpio: {profile: gpio-maglock-fail-safe, relay: 12, doorSensor: 13, exitButton: 14}}}\n";
        installerFile = Files.writeString(etc.resolve("site.yaml"), site);
        installer = (SiteStart.Installer) SiteStart.installer(installerFile);
        files = new SiteFiles(installer, installer.source(), installer.site(), clock, restarts::incrementAndGet);
    }

    private static CommandBody.SiteApply apply(long version, String text) {
        return new CommandBody.SiteApply(version, Site.configVersionOf(text), 30, text);
    }

    @Test
    void problemsAnotherGatewayAnotherDataFolderAndTheSameFileChangeNothing() throws Exception {
        var problems = files.apply("r-1", apply(2, site.replace("gpio-maglock-fail-safe", "no-such-lock")));
        assertThat(problems.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(problems.detail()).startsWith("refused, nothing changed:\nsite.yaml:4:").contains("no-such-lock");
        assertThat(files.apply("r-2", apply(3, site.replace("id: gw-1", "id: gw-2"))).detail())
                .contains("gateway.id is gw-2, not this gateway's gw-1");
        assertThat(files.apply("r-3", apply(4, site.replace("dataDir: " + var, "dataDir: elsewhere"))).detail())
                .contains("gateway.dataDir is " + etc.resolve("elsewhere") + ", not " + var + " as " + installerFile + " has it");
        assertThat(files.apply("r-4", apply(5, site)).result()).isEqualTo(ReplyResult.UNCHANGED);
        var changedOnTheWay = files.apply("r-5", new CommandBody.SiteApply(6, Site.configVersionOf(site), 30, site + "# more\n"));
        assertThat(changedOnTheWay.result()).as("the running file's digest on another text").isEqualTo(ReplyResult.FAILED);
        assertThat(changedOnTheWay.detail()).startsWith("the digest " + Site.configVersionOf(site) + " is not the text's");
        assertThat(Files.readString(installerFile)).isEqualTo(site);
        assertThat(var.resolve("site")).doesNotExist();
        assertThat(restarts).hasValue(0);
    }

    @Test
    void aGoodFileIsWrittenToTheDataFolderNeverOverTheInstallersAndRolledBackWithWhy() throws Exception {
        var pending = files.apply("r-1", apply(2, twoDoors));
        assertThat(pending.result()).as(pending.detail()).isEqualTo(ReplyResult.PENDING);
        assertThat(Files.readString(var.resolve("site/deployed.yaml"))).isEqualTo(twoDoors);
        assertThat(Files.readString(var.resolve("site/last-good.yaml"))).isEqualTo(site);
        assertThat(Files.readString(installerFile)).isEqualTo(site);
        try (var listing = Files.list(etc)) {
            assertThat(listing).containsExactly(installerFile);
        }
        Deployment d = files.deployment().orElseThrow();
        assertThat(d.requestId()).isEqualTo("r-1");
        assertThat(d.deadline()).isEqualTo(clock.millis() + 30_000);
        assertThat(d.previous()).isEqualTo(Site.configVersionOf(site));
        assertThat(d.isRolledBack()).isFalse();
        assertThat(restarts).as("the restart closes the park connection: it waits for the PENDING reply").hasValue(0);
        files.replied("r-0");
        assertThat(restarts).as("another command's reply").hasValue(0);
        files.replied("r-1");
        assertThat(restarts).hasValue(1);

        assertThat(files.apply("r-2", apply(3, twoDoors + "# another\n")).detail()).startsWith("version 2 is not settled yet");
        files.replied("r-2");
        files.replied("r-1");
        assertThat(restarts).as("one restart per file written").hasValue(1);

        files.rollBack(d, "park broker unreachable");
        assertThat(var.resolve("site/deployed.yaml")).as("the last good file is the installer's: it runs again").doesNotExist();
        assertThat(((SiteStart.Run) SiteStart.choose(installer)).deployed()).isFalse();
        assertThat(files.deployment().orElseThrow().rolledBack()).isEqualTo("park broker unreachable");
        files.settle();
        assertThat(files.deployment()).isEmpty();
        assertThat(Files.readString(installerFile)).isEqualTo(site);
    }

    @Test
    void theDeployedFileRunsUntilAnAdminEditsTheInstallersFileThenTheEditRunsAndTheDeployedFileIsSetAside() throws Exception {
        files.apply("r-1", apply(2, twoDoors));
        files.settle();
        SiteStart.Run deployed = (SiteStart.Run) SiteStart.choose(installer);
        assertThat(deployed.deployed()).isTrue();
        assertThat(deployed.site().doors()).hasSize(2);
        assertThat(deployed.site().configVersion()).isEqualTo(Site.configVersionOf(twoDoors));
        assertThat(deployed.why()).contains(var.resolve("site/deployed.yaml").toString(), "the site file the park deployed",
                installerFile + ", which is as it was");

        // a third version on the deployed one: the last good is the deployed file, and a rollback restores it
        SiteFiles onDeployed = new SiteFiles(installer, deployed.source(), deployed.site(), clock, restarts::incrementAndGet);
        String third = twoDoors + "# three\n";
        assertThat(onDeployed.apply("r-2", apply(3, third)).result()).isEqualTo(ReplyResult.PENDING);
        assertThat(Files.readString(var.resolve("site/last-good.yaml"))).isEqualTo(twoDoors);
        onDeployed.rollBack(onDeployed.deployment().orElseThrow(), "not ready");
        onDeployed.settle();
        assertThat(Files.readString(var.resolve("site/deployed.yaml"))).isEqualTo(twoDoors);

        // the admin edits the installer's file: a deployment now would hide the edit, and the next start runs it
        String edited = site.replace("entrance: main", "entrance: side");
        Files.writeString(installerFile, edited);
        var refused = onDeployed.apply("r-3", apply(4, third));
        assertThat(refused.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(refused.detail()).contains(installerFile + " changed since the park's file ran over it", "nothing changed");

        SiteStart.Installer now = (SiteStart.Installer) SiteStart.installer(installerFile);
        SiteStart.Run run = (SiteStart.Run) SiteStart.choose(now);
        assertThat(run.deployed()).isFalse();
        assertThat(run.site().configVersion()).isEqualTo(Site.configVersionOf(edited));
        assertThat(run.why()).contains("it changed since the park's deployed file ran over it",
                "set aside as " + var.resolve("site/deployed.set-aside.yaml"));
        assertThat(var.resolve("site/deployed.yaml")).doesNotExist();
        assertThat(Files.readString(var.resolve("site/deployed.set-aside.yaml"))).isEqualTo(twoDoors);
        assertThat(((SiteStart.Run) SiteStart.choose(now)).deployed()).as("and stays so").isFalse();
    }

    @Test
    void aDeployedFileWhoseRecordOfTheInstallersFileIsLostIsSetAsideRatherThanRunOverIt() throws Exception {
        files.apply("r-1", apply(2, twoDoors));
        files.settle();
        Files.delete(var.resolve("site/installer.sha256"));
        SiteStart.Run run = (SiteStart.Run) SiteStart.choose(installer);
        assertThat(run.deployed()).isFalse();
        assertThat(run.why()).contains("(it was not recorded)");
        assertThat(Files.readString(var.resolve("site/deployed.set-aside.yaml"))).isEqualTo(twoDoors);
    }
}
