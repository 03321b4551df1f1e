package org.anju.profiles.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpellingTest {
    private static final List<String> KEYS = List.of("pulse", "relay", "relock", "doorSensor", "heldOpenAlarm");

    @Test
    void aNearMissFindsTheKey() {
        assertThat(Spelling.closest("pluse", KEYS)).contains("pulse");
        assertThat(Spelling.closest("doorsensor", KEYS)).contains("doorSensor");
        assertThat(Spelling.closest("heldOpenAlram", KEYS)).contains("heldOpenAlarm");
    }

    @Test
    void somethingElseFindsNothing() {
        assertThat(Spelling.closest("colour", KEYS)).isEmpty();
        assertThat(Spelling.closest("xy", List.of("id"))).isEmpty();
    }
}
