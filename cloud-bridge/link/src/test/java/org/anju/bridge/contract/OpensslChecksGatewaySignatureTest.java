package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSSL commands CONTRACT.md gives for checking a gateway's signature work as written, on
 * the example batch and the example gateway key; and fail on a batch changed by one character.
 * Debian's openssl runs them: a peer test.
 */
@Tag("peer")
class OpensslChecksGatewaySignatureTest {
    private static String section(String document, Pattern pattern) {
        Matcher m = pattern.matcher(document);
        assertThat(m.find()).as(pattern.pattern()).isTrue();
        return m.group(1);
    }

    private static Process run(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p;
    }

    @Test
    void theDocumentedCommandsVerifyTheExampleBatchAndNothingElse(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("../CONTRACT.md"), StandardCharsets.UTF_8);
        String script = section(doc, Pattern.compile("```sh\\n(sig=\\$\\(sed.*?)```", Pattern.DOTALL));
        String batch = section(doc, Pattern.compile("<!-- example: event-batch -->\\s*```json\\n(.*?)```", Pattern.DOTALL));
        String key = section(doc, Pattern.compile("<!-- example-key: gateway-public -->\\s*```text\\n(.*?)```", Pattern.DOTALL));
        Files.writeString(dir.resolve("gw-example.pub"), key);

        Files.writeString(dir.resolve("batch.json"), batch);
        Process good = run(dir, script);
        assertThat(new String(good.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Verified Successfully");
        assertThat(good.exitValue()).isZero();

        Files.writeString(dir.resolve("batch.json"), batch.replace("\"granted\"", "\"grantee\""));
        Process bad = run(dir, script);
        assertThat(bad.exitValue()).isNotZero();
    }
}
