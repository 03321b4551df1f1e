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
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;

/**
 * A deployed site file on a real folder: a file with problems, one for another gateway or another
 * data folder, and the file already run change nothing; a good one keeps the running file as the
 * last good one, records the deployment with its deadline, replaces the site file and asks for a
 * restart once; a second deployment waits until the first is settled; a rollback puts the last good
 * file back and remembers why.
 */
class SiteFilesTest {
    private static final String SITE = """
            gateway: {id: gw-1, gpio: mock, dataDir: data}
            park: {id: p1, broker: "tcp://127.0.0.1:1883"}
            doors:
              - {id: entrance, building: "7", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
            """;
    private static final String TWO_DOORS = SITE + "  - {id: lobby, building: \"7\", floor: \"1\", room: \"101\","
            + " lock: {gpio: {profile: gpio-maglock-fail-safe, relay: 12, doorSensor: 13, exitButton: 14}}}\n";

    @TempDir
    Path dir;
    private Path siteFile;
    private final AtomicInteger restarts = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T20:00:00Z"), ZoneOffset.UTC);
    private SiteFiles files;

    @BeforeEach
    void running() throws Exception {
        siteFile = Files.writeString(dir.resolve("site.yaml"), SITE);
        var site = ((LoadResult.Loaded) SiteLoader.load(siteFile)).site();
        files = new SiteFiles(siteFile, site, clock, restarts::incrementAndGet);
    }

    private static CommandBody.SiteApply apply(long version, String text) {
        return new CommandBody.SiteApply(version, CommandBody.SiteApply.digestOf(text), 30, text);
    }

    @Test
    void problemsAnotherGatewayAnotherDataFolderAndTheSameFileChangeNothing() throws Exception {
        var problems = files.apply("r-1", apply(2, SITE.replace("gpio-maglock-fail-safe", "no-such-lock")));
        assertThat(problems.result()).isEqualTo(ReplyResult.FAILED);
        assertThat(problems.detail()).startsWith("refused, nothing changed:\nsite.yaml:4:").contains("no-such-lock");
        assertThat(files.apply("r-2", apply(3, SITE.replace("id: gw-1", "id: gw-2"))).detail())
                .contains("gateway.id is gw-2, not this gateway's gw-1");
        assertThat(files.apply("r-3", apply(4, SITE.replace("dataDir: data", "dataDir: elsewhere"))).detail())
                .contains("gateway.dataDir changes");
        assertThat(files.apply("r-4", apply(5, SITE)).result()).isEqualTo(ReplyResult.UNCHANGED);
        assertThat(Files.readString(siteFile)).isEqualTo(SITE);
        assertThat(dir.resolve("data/site")).doesNotExist();
        assertThat(restarts).hasValue(0);
    }

    @Test
    void aGoodFileIsWrittenWithTheLastGoodKeptAndRolledBackWithWhy() throws Exception {
        var pending = files.apply("r-1", apply(2, TWO_DOORS));
        assertThat(pending.result()).as(pending.detail()).isEqualTo(ReplyResult.PENDING);
        assertThat(Files.readString(siteFile)).isEqualTo(TWO_DOORS);
        assertThat(Files.readString(dir.resolve("data/site/last-good.yaml"))).isEqualTo(SITE);
        Deployment d = files.deployment().orElseThrow();
        assertThat(d.requestId()).isEqualTo("r-1");
        assertThat(d.deadline()).isEqualTo(clock.millis() + 30_000);
        assertThat(d.previous()).isEqualTo(CommandBody.SiteApply.digestOf(SITE));
        assertThat(d.isRolledBack()).isFalse();
        assertThat(restarts).hasValue(1);

        assertThat(files.apply("r-2", apply(3, TWO_DOORS + "# another\n")).detail()).startsWith("version 2 is not settled yet");
        assertThat(restarts).hasValue(1);

        files.rollBack(d, "park broker unreachable");
        assertThat(Files.readString(siteFile)).isEqualTo(SITE);
        assertThat(files.deployment().orElseThrow().rolledBack()).isEqualTo("park broker unreachable");
        files.settle();
        assertThat(files.deployment()).isEmpty();
    }
}
