package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.anju.profiles.load.Reference;

/**
 * The gateway's INSTALL.md holds to the code: its reference of the site file's park section is
 * the one the loader checks, and its broker files are the park's, which {@code BrokerAsDocumentedTest}
 * runs in Debian's Mosquitto.
 */
@Tag("peer")
@Tag("wire")
class InstallPageTest {
    private static final Pattern FILE = Pattern.compile("<!-- file: (\\S+) -->\\s*```text\\n(.*?)```", Pattern.DOTALL);

    private static Map<String, String> files(Path page) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FILE.matcher(Files.readString(page));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void theParkSectionReferenceIsTheGeneratedOne() throws Exception {
        String page = Files.readString(Path.of("src/dist/INSTALL.md"));
        String start = "<!-- site-park:start -->\n";
        int from = page.indexOf(start);
        int to = page.indexOf("<!-- site-park:end -->");
        assertThat(from).as("INSTALL.md has the site-park markers").isNotNegative();
        String expected = Reference.markdownOf("park", "park.commandKeys[]") + "\n";
        String found = page.substring(from + start.length(), to);
        if (!found.equals(expected)) {
            Path fresh = Files.writeString(Path.of("target", "site-park.reference.md"), expected);
            assertThat(found).as("INSTALL.md's park reference is stale; the current one is in %s", fresh).isEqualTo(expected);
        }
        assertThat(expected).contains("`protocol`", "`commandKeys`", "`username`");
    }

    @Test
    void theBrokerFilesAreThoseTheParkDocumentsAndTestsRun() throws Exception {
        Map<String, String> gateway = files(Path.of("src/dist/INSTALL.md"));
        Map<String, String> park = files(Path.of("../../cloud-bridge/park/src/dist/INSTALL.md"));
        assertThat(gateway).isNotEmpty().isEqualTo(park);
    }
}
