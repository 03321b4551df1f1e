package org.anju.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jGpioBoardTest {
    private GpioBoard board = open("mock");

    @AfterEach
    void close() {
        board.close();
    }

    private static GpioBoard open(String provider) {
        GpioOpenResult r = Pi4jGpioBoard.open(provider);
        assertThat(r).isInstanceOf(GpioOpenResult.Opened.class);
        return ((GpioOpenResult.Opened) r).board();
    }

    private GpioSimulator sim() {
        return board.simulator().orElseThrow();
    }

    @Test
    void anUnknownProviderIsRefusedWithTheNamesThatWork() {
        GpioOpenResult r = Pi4jGpioBoard.open("wiringpi");
        assertThat(r).isInstanceOf(GpioOpenResult.Failed.class);
        assertThat(((GpioOpenResult.Failed) r).reason()).contains("wiringpi", "gpiod", "linuxfs", "mock");
    }

    @Test
    void outputsStartAndStopAtTheirDefinedLevelsWhateverTheActiveLevel() {
        DigitalOut activeLow = board.output(new OutputPin("relay", 17, false, false, false)).orElseThrow();
        DigitalOut activeHigh = board.output(new OutputPin("maglock", 18, true, true, false)).orElseThrow();
        assertThat(activeLow.isOn()).isFalse();
        assertThat(sim().outputLevel(17)).as("active-low relay off = high level").isTrue();
        assertThat(activeHigh.isOn()).isTrue();
        assertThat(sim().outputLevel(18)).isTrue();

        assertThat(activeLow.set(true)).isTrue();
        assertThat(sim().outputLevel(17)).isFalse();
        GpioSimulator sim = sim();
        board.close();
        assertThat(sim.outputLevel(17)).as("shutdown: relay off").isTrue();
        assertThat(sim.outputLevel(18)).as("shutdown: maglock released").isFalse();
    }

    @Test
    void aPinCanBeClaimedOnlyOnce() {
        board.output(new OutputPin("relay", 17, true, false, false)).orElseThrow();
        PinClaim<DigitalIn> again = board.input(new InputPin("sensor", 17, true, Duration.ZERO), v -> { });
        assertThat(again).isInstanceOf(PinClaim.Refused.class);
        assertThat(((PinClaim.Refused<DigitalIn>) again).reason()).contains("sensor", "17");
    }

    @Test
    void inputsReportDebouncedLogicalLevels() {
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        DigitalIn door = board.input(new InputPin("door", 5, false, Duration.ofMillis(30)), changes::add)
                .orElseThrow();
        // a mock input rests at its inactive level, as a pulled-up active-low line does
        assertThat(door.isActive()).isFalse();
        sim().driveInput(5, false);
        sim().driveInput(5, true);
        sim().driveInput(5, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 1);
        assertThat(changes).containsExactly(true);
        assertThat(door.isActive()).isTrue();
    }

    @Test
    void aBounceBackToTheStableLevelIsNeverReported() {
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        board.input(new InputPin("button", 6, true, Duration.ofMillis(50)), changes::add).orElseThrow();
        sim().driveInput(6, true);
        sim().driveInput(6, false);
        // a second input with a shorter window proves the timer has run past the first one's deadline
        List<Boolean> other = new CopyOnWriteArrayList<>();
        board.input(new InputPin("probe", 7, true, Duration.ofMillis(100)), other::add).orElseThrow();
        sim().driveInput(7, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !other.isEmpty());
        assertThat(changes).isEmpty();
    }

    @Test
    void zeroDebounceReportsEveryEdgeInOrder() {
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        board.input(new InputPin("d0", 22, false, Duration.ZERO), changes::add).orElseThrow();
        // the line rests high (inactive); each low pulse is an active edge then an inactive one
        for (int i = 0; i < 5; i++) {
            sim().driveInput(22, false);
            sim().driveInput(22, true);
        }
        assertThat(changes).containsExactly(true, false, true, false, true, false, true, false, true, false);
    }

    @Test
    void nothingIsClaimedOrReportedAfterClose() {
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        board.input(new InputPin("door", 5, true, Duration.ZERO), changes::add).orElseThrow();
        GpioSimulator sim = sim();
        board.close();
        sim.driveInput(5, true);
        assertThat(changes).isEmpty();
        assertThat(board.output(new OutputPin("relay", 17, true, false, false)))
                .isInstanceOf(PinClaim.Refused.class);
    }

    @Test
    void simulationIsOfferedOnlyByTheMockProvider() {
        assertThat(board.provider()).isEqualTo("mock");
        assertThat(board.simulator()).isPresent();
    }
}
