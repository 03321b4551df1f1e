package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.anju.protocol.pile.PileLimits;
import org.junit.jupiter.api.Test;

class LimitsCheckTest {

    private static LimitsCheck.Refused refused(SafetyLimits limits, PileLimits firmware, Set<String> fromSite) {
        LimitsCheck.Verdict v = LimitsCheck.check(limits, firmware, fromSite);
        assertThat(v).isInstanceOf(LimitsCheck.Refused.class);
        return (LimitsCheck.Refused) v;
    }

    @Test
    void theDefaultsAreAcceptedForTheReferencePile() {
        assertThat(LimitsCheck.check(SafetyLimits.DEFAULTS, PileLimits.DEFAULTS, Set.of()))
                .isEqualTo(new LimitsCheck.Accepted(SafetyLimits.DEFAULTS));
    }

    @Test
    void aLimitEqualToTheFirmwaresIsAllowed() {
        SafetyLimits same = SafetyLimits.DEFAULTS.withOverloadWatts(1000).withTemperatures(60, 80);
        assertThat(LimitsCheck.check(same, PileLimits.DEFAULTS, Set.of())).isInstanceOf(LimitsCheck.Accepted.class);
    }

    @Test
    void anOverloadLimitLaxerThanTheFirmwaresIsRefusedNamingTheSiteFileAndTheFirmwareValue() {
        var r = refused(SafetyLimits.DEFAULTS.withOverloadWatts(1200), PileLimits.DEFAULTS, Set.of("overloadWatts"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("overloadWatts");
            assertThat(p.source()).isEqualTo("site file");
            assertThat(p.message()).contains("1200 W", "1000 W", "only be stricter");
        });
        assertThat(r.problems().get(0).toString()).startsWith("site file: overloadWatts: ");
    }

    @Test
    void everyLaxerLimitIsReportedAgainstWhereItCameFrom() {
        SafetyLimits lax = SafetyLimits.DEFAULTS.withFullCharge(20, Duration.ofMinutes(15))
                .withMaxSession(Duration.ofHours(10)).withTemperatures(60, 85);
        var r = refused(lax, PileLimits.DEFAULTS, Set.of("maxSession"));
        assertThat(r.problems()).extracting(LimitProblem::field)
                .containsExactly("fullChargeWatts", "fullChargeTime", "maxSession", "temperatureCutC");
        assertThat(r.problems()).extracting(LimitProblem::source)
                .containsExactly("profile", "profile", "site file", "profile");
        assertThat(r.problems().get(2).message()).contains("10 h", "8 h");
        assertThat(r.problems().get(3).message()).contains("85.0 degC", "80.0 degC");
    }

    @Test
    void aWarningLevelAtOrAboveTheCutLevelIsRefused() {
        var r = refused(SafetyLimits.DEFAULTS.withTemperatures(70, 70), PileLimits.DEFAULTS, Set.of());
        assertThat(r.problems()).extracting(LimitProblem::field).containsExactly("temperatureWarnC");
    }

    @Test
    void theHeartbeatMustLeaveRoomForALostWriteAndTheWatchdogMustBeOn() {
        var slow = refused(SafetyLimits.DEFAULTS.withHeartbeatInterval(Duration.ofSeconds(40)), PileLimits.DEFAULTS,
                Set.of("heartbeatInterval"));
        assertThat(slow.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("heartbeatInterval");
            assertThat(p.message()).contains("40 s", "60 s", "20 s");
        });
        PileLimits watchdogOff = new PileLimits(1000, 30, Duration.ofMinutes(10), Duration.ofHours(8), 80, Duration.ZERO);
        var off = refused(SafetyLimits.DEFAULTS, watchdogOff, Set.of());
        assertThat(off.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("pile firmware");
            assertThat(p.message()).contains("watchdog is off");
        });
    }

    @Test
    void nonsenseValuesAreRefusedWithTheirNames() {
        SafetyLimits nonsense = new SafetyLimits(800, 30, Duration.ofMinutes(10), Duration.ofHours(8), 55, 70, 0, -1,
                Duration.ofSeconds(20), Duration.ZERO, 30, Duration.ZERO, Duration.ofSeconds(20), 500, Duration.ZERO, true);
        var r = refused(nonsense, PileLimits.DEFAULTS, Set.of());
        assertThat(r.problems()).extracting(LimitProblem::field).containsExactly("temperatureHysteresisC",
                "trendWarnCPerMinute", "trendWindow", "trendHorizon", "relayOffWatts", "cutVerifyTimeout",
                "meterPlausibleWatts", "alarmClearAfter");
    }
}
