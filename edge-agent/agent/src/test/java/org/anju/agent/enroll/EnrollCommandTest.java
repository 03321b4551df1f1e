package org.anju.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anju agent enroll} before the park has said yes: a wrong argument, an address that is not
 * a park's, a park nobody answers at and a site file that is not one are each one line, and the
 * site file and the data folder are as they were (no key made).
 */
class EnrollCommandTest {
    @TempDir
    Path dir;

    private static final String SITE = "gateway: {id: gw-x, gpio: mock, dataDir: data}\n";

    @Test
    void aWrongArgumentIsTheUsageLine() {
        for (List<String> args : List.of(List.<String>of(), List.of("--park", "http://p"), List.of("--code", "X", "--park"),
                List.of("--park", "http://p", "--code", "X", "--what", "y"), List.of("--code", "X", "--code", "Y", "--park", "http://p"))) {
            EnrollCommand.Outcome o = EnrollCommand.run(args);
            assertThat(o.status()).as(args.toString()).isEqualTo(2);
            assertThat(o.err()).containsExactly(EnrollCommand.USAGE);
        }
        EnrollCommand.Outcome notAPark = EnrollCommand.run(List.of("--park", "ftp://park", "--code", "X"));
        assertThat(notAPark.status()).isEqualTo(2);
        assertThat(notAPark.err()).containsExactly(
                "anju agent enroll: --park ftp://park: expected the park's address, e.g. https://anju.park.example");
    }

    @Test
    void aParkNobodyAnswersAtChangesNothing() throws Exception {
        Path site = Files.writeString(dir.resolve("site.yaml"), SITE);
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        EnrollCommand.Outcome o = EnrollCommand.run(List.of("--park", "http://127.0.0.1:" + nobody, "--code", "AAAA-BBBB",
                "--site", site.toString()));
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).hasSize(1);
        assertThat(o.err().get(0)).startsWith("anju agent enroll: cannot reach the park at http://127.0.0.1:" + nobody)
                .endsWith("; nothing was changed");
        assertThat(Files.readString(site)).isEqualTo(SITE);
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(dir.resolve("site.yaml.bak")).doesNotExist();
    }

    @Test
    void aSiteFileThatIsNotOneChangesNothing() throws Exception {
        Path site = Files.writeString(dir.resolve("site.yaml"), "- just\n- a list\n");
        EnrollCommand.Outcome o = EnrollCommand.run(List.of("--park", "http://127.0.0.1:1", "--code", "X", "--site", site.toString()));
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).containsExactly("anju agent enroll: " + site + ": cannot read it as a site file: it is not a mapping"
                + " with gateway, park and the rest; nothing was changed");
        assertThat(Files.readString(site)).isEqualTo("- just\n- a list\n");
    }
}
