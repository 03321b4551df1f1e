package org.anju.bridge.park.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.anju.bridge.park.i18n.Catalog.Lang;
import org.anju.bridge.testing.ChineseText;
import org.junit.jupiter.api.Test;

/**
 * The catalog is whole: every code the API and the pages use has a Chinese and an English text
 * with the same placeholders, and a Chinese text shows no English words beyond names and units.
 */
class CatalogTest {
    private static final Catalog CATALOG = Catalog.park();
    @Test
    void everyTextHasTheSamePlaceholdersInBothLanguages() {
        List<String> wrong = new ArrayList<>();
        for (String code : CATALOG.codes()) {
            if (!Catalog.placeholders(CATALOG.raw(Lang.ZH, code)).equals(Catalog.placeholders(CATALOG.raw(Lang.EN, code)))) {
                wrong.add(code);
            }
        }
        assertThat(wrong).as("codes whose zh and en texts fill different placeholders").isEmpty();
    }

    @Test
    void chineseTextsUseNoEnglishWordsBeyondNamesAndUnits() {
        List<String> wrong = new ArrayList<>();
        for (String code : CATALOG.codes()) {
            Set<String> words = ChineseText.englishWords(CATALOG.raw(Lang.ZH, code).replaceAll("\\{[A-Za-z0-9]+}", ""));
            if (!words.isEmpty()) {
                wrong.add(code + " " + words);
            }
        }
        assertThat(wrong).as("zh texts with English words").isEmpty();
    }

    @Test
    void fillsPlaceholdersAndKeepsUnknownOnes() {
        assertThat(CATALOG.text(Lang.EN, "err.portNumber", "given", "99999")).isEqualTo("The port is a whole number from 1 to 64, not '99999'");
        assertThat(CATALOG.text(Lang.ZH, "err.portNumber")).contains("{given}");
    }

    @Test
    void chineseUnlessEnglishIsPreferred() {
        assertThat(Lang.of(null)).isEqualTo(Lang.ZH);
        assertThat(Lang.of("fr-FR")).isEqualTo(Lang.ZH);
        assertThat(Lang.of("en-US,en;q=0.9")).isEqualTo(Lang.EN);
        assertThat(Lang.of("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Lang.ZH);
        assertThat(Lang.of("en;q=0.5, zh-TW;q=0.7")).isEqualTo(Lang.ZH);
        assertThat(Lang.of("fr, en;q=0.3")).isEqualTo(Lang.EN);
        assertThat(Lang.of("en;q=bogus")).isEqualTo(Lang.ZH);
    }

    private static final Pattern JAVA_CODE = Pattern.compile("(?:refuse\\(ctx, \\d{3}, |say\\(ctx, |\\.text\\([A-Za-z.()]+, )\"([a-z][A-Za-z0-9]*\\.[A-Za-z0-9.]+)\"");
    private static final Pattern JS_CODE = Pattern.compile("\\bt\\('([a-z][A-Za-z0-9]*\\.[A-Za-z0-9.]+)'");
    private static final Pattern HTML_CODE = Pattern.compile("data-t(?:-label|-placeholder|-title)?=\"([^\"]+)\"");

    @Test
    void everyCodeTheApiAndThePagesUseIsInTheCatalog() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(matches(Path.of("src/main/java"), ".java", JAVA_CODE));
        used.addAll(matches(Path.of("src/main/resources/park/web"), ".js", JS_CODE));
        used.addAll(matches(Path.of("src/main/resources/park/web"), ".html", HTML_CODE));
        // markup a script draws into every page (app.js: the page head's buttons, the sign-in form)
        used.addAll(matches(Path.of("src/main/resources/park/web"), ".js", HTML_CODE));
        assertThat(used).as("codes found in the sources").contains("err.signInFirst", "app.signIn");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(CATALOG.codes());
        assertThat(missing).as("codes used but not in " + Catalog.RESOURCE).isEmpty();
    }

    private static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
