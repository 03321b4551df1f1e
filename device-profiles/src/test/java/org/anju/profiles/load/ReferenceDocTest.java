package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.anju.profiles.schema.Field;
import org.anju.profiles.schema.Section;
import org.junit.jupiter.api.Test;

/** The README's reference of keys is the one the code checks files against. */
class ReferenceDocTest {
    private static final String START = "<!-- reference:start -->\n";
    private static final String END = "<!-- reference:end -->";

    @Test
    void theReadmeReferenceIsTheGeneratedOne() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has the reference markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String expected = Reference.markdown() + "\n";
        if (!readme.substring(start + START.length(), end).equals(expected)) {
            Path fresh = Path.of("target", "README.reference.md");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected);
            assertThat(readme.substring(start + START.length(), end))
                    .as("README.md's reference is stale; the current one is in %s, paste it between the markers", fresh)
                    .isEqualTo(expected);
        }
    }

    @Test
    void everySectionHasASummaryAndEveryKeyAMeaning() {
        List<Section> sections = Reference.sections();

        assertThat(sections).hasSizeGreaterThan(30).allSatisfy(s -> {
            assertThat(s.summary()).isNotBlank();
            assertThat(s.fields()).isNotEmpty().allSatisfy(f -> assertThat(f.meaning()).isNotBlank());
        });
    }

    @Test
    void sectionNamesAndAnchorsAreUnique() {
        Set<String> anchors = new HashSet<>();
        Reference.sections().forEach(s -> assertThat(anchors.add(s.anchor())).as("anchor of %s", s.name()).isTrue());
    }

    @Test
    void everyDefaultIsValidForItsKey() {
        // Section.Builder converts each default with the key's own type when the section is built,
        // so loading every section is the check; a required key never has a default.
        for (Section s : Reference.sections()) {
            for (Field f : s.fields()) {
                if (f.required()) {
                    assertThat(f.defaultValue()).as("%s.%s", s.name(), f.key()).isNull();
                }
            }
        }
    }
}
