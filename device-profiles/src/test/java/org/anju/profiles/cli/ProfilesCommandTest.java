package org.anju.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.anju.profiles.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesCommandTest {

    record Run(int status, List<String> out, List<String> err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ProfilesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void withoutAPathTheShippedProfilesAndExampleSitesAreCheckedAndValid() {
        Run run = run("validate");

        assertThat(run.status()).isEqualTo(ProfilesCommand.VALID);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("OK classpath:profiles/anju-ref-pile-10.yaml", "OK classpath:sites/dormitory-block.yaml",
                "OK classpath:sites/small-walkup.yaml", "OK classpath:sites/meter-shed.yaml").allMatch(l -> l.startsWith("OK "));
    }

    @Test
    void aBrokenFilePrintsOneLinePerProblemOnStderrAndExitsNonZero() {
        Path file = Fixtures.path("broken/sites/two-devices-one-address.yaml");

        Run run = run("validate", file.toString());

        assertThat(run.status()).isEqualTo(ProfilesCommand.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsExactly(file + ":8:58: address 1 on bus bus-a is already used by pile-1 (line 7); "
                + "give each device on a bus its own address, and set the same on the device");
    }

    @Test
    void validAndBrokenFilesInOneRun() {
        Path good = Fixtures.path("broken/sites/with-profiles/profiles/bare-strike.yaml");
        Path bad = Fixtures.path("broken/profiles/wiegand.yaml");

        Run run = run("validate", good.toString(), bad.toString());

        assertThat(run.status()).isEqualTo(ProfilesCommand.INVALID);
        assertThat(run.out()).containsExactly("OK " + good);
        assertThat(run.err()).containsExactly(bad + ":5:5: d1 uses GPIO 5 like d0; wire DATA0 and DATA1 to two different GPIOs");
    }

    @Test
    void aFolderIsCheckedFileByFileWithItsProfilesReadTogether() {
        Path folder = Fixtures.path("broken/sites/with-profiles/profiles");

        Run run = run("validate", folder.toString());

        assertThat(run.status()).isEqualTo(ProfilesCommand.INVALID);
        assertThat(run.out()).containsExactly("OK " + folder.resolve("bare-strike.yaml"), "OK " + folder.resolve("ref-pile-override.yaml"));
        assertThat(run.err()).containsExactly(
                folder.resolve("broken-strike.yaml") + ":5:14: pin: GPIO 40 is not on the Raspberry Pi header; use a BCM GPIO number from 2 to 27",
                folder.resolve("duplicate.yaml") + ":1:5: the profile id 'bare-strike' is already used by "
                        + folder.resolve("bare-strike.yaml") + ":1; give each profile its own id");
    }

    @Test
    void aFileThatIsNeitherAProfileNorASiteSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.yaml"), "title: shopping list\n");

        Run run = run("validate", file.toString());

        assertThat(run.status()).isEqualTo(ProfilesCommand.INVALID);
        assertThat(run.err()).containsExactly(file + ":1:1: neither a profile (it has no 'kind') nor a site file (it has no 'gateway'); "
                + "start a profile with id, kind and protocol, or a site file with gateway and park");
    }

    @Test
    void aMissingPathIsAWrongArgument(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        Run run = run("validate", missing.toString());

        assertThat(run.status()).isEqualTo(ProfilesCommand.USAGE);
        assertThat(run.err()).containsExactly(missing + ": no such file or folder; give a profile, a site file or a folder of them");
    }

    @Test
    void anUnknownCommandOrOptionIsAWrongArgumentAndHelpIsNot() {
        assertThat(run("check").status()).isEqualTo(ProfilesCommand.USAGE);
        assertThat(run("check").err()).containsExactly("anju profiles: unknown command 'check'; usage: anju profiles validate [PATH...]");
        assertThat(run().status()).isEqualTo(ProfilesCommand.USAGE);
        assertThat(run("validate", "--strict").status()).isEqualTo(ProfilesCommand.USAGE);
        Run help = run("--help");
        assertThat(help.status()).isEqualTo(ProfilesCommand.VALID);
        assertThat(help.out()).first().isEqualTo("usage: anju profiles validate [PATH...]");
    }

    @Test
    void aValidSiteInAFolderIsCheckedWithTheShippedProfiles(@TempDir Path dir) throws IOException {
        Path site = Files.writeString(dir.resolve("site.yaml"), "gateway: {id: gw-1}\npark: {id: test-park, broker: tcp://127.0.0.1:1883}\n");

        Run run = run("validate", dir.toString());

        assertThat(run.status()).isEqualTo(ProfilesCommand.VALID);
        assertThat(run.out()).containsExactly("OK " + site);
    }
}
