package org.anju.profiles.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.anju.profiles.Location;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    @Test
    void everyKeyAndValueKeepsItsLineAndColumn() {
        YamlDocument doc = YamlReader.read("f.yaml", "a: 1\nb:\n  c: [x, 0x10]\n  d: {e: on}\n");

        MapNode root = (MapNode) doc.root().orElseThrow();
        assertThat(root.entries().get("b").keyLocation()).isEqualTo(new Location("f.yaml", 2, 1));
        MapNode b = (MapNode) root.get("b").orElseThrow();
        ListNode c = (ListNode) b.get("c").orElseThrow();
        assertThat(c.items().get(1).location()).isEqualTo(new Location("f.yaml", 3, 10));
        ScalarNode e = (ScalarNode) ((MapNode) b.get("d").orElseThrow()).get("e").orElseThrow();
        assertThat(e.location()).isEqualTo(new Location("f.yaml", 4, 10));
        assertThat(e.text()).isEqualTo("on");
        assertThat(doc.problems()).isEmpty();
    }

    @Test
    void scalarsKeepTheTextAsWrittenSoLeadingZerosSurvive() {
        MapNode root = (MapNode) YamlReader.read("f.yaml", "room: 0301\nquoted: '12'\nnothing:\n").root().orElseThrow();

        assertThat(((ScalarNode) root.get("room").orElseThrow()).text()).isEqualTo("0301");
        assertThat(((ScalarNode) root.get("quoted").orElseThrow()).style()).isEqualTo(ScalarNode.Style.TEXT);
        assertThat(((ScalarNode) root.get("nothing").orElseThrow()).isNull()).isTrue();
    }

    @Test
    void aSecondDocumentInOneFileIsAProblem() {
        YamlDocument doc = YamlReader.read("f.yaml", "a: 1\n---\nb: 2\n");

        assertThat(doc.problems()).extracting(Object::toString)
                .containsExactly("f.yaml:3:1: a second YAML document starts here; keep one document per file and remove the '---' line before this one");
    }

    @Test
    void anUnclosedQuoteIsASyntaxProblemWithAHint() {
        YamlDocument doc = YamlReader.read("f.yaml", "a: \"x\nb: 1\n");

        assertThat(doc.root()).isEmpty();
        assertThat(doc.problems()).extracting(Object::toString)
                .containsExactly("f.yaml:3:1: YAML syntax: found unexpected end of stream; close the quote or bracket that is still open");
    }

    /** Whatever a person saves, reading gives a tree or problems with usable positions, never an exception. */
    @RepeatedTest(200)
    void readingNeverThrows(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        String alphabet = "ab: -[]{}\"'\n\t#&*!|>%@`,?0x9";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(60); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }

        YamlDocument doc = YamlReader.read("fuzz.yaml", text.toString());

        assertThat(doc.problems()).as("problems of %s", text).allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
            assertThat(p.message()).isNotBlank();
        });
    }
}
