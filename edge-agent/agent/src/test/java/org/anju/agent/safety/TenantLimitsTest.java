package org.anju.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.SessionLimits;
import org.anju.agent.charging.SessionRecord;
import org.anju.firmware.pile.Bike;
import org.junit.jupiter.api.Test;

/**
 * The limits a tenant chooses for a charge (charge.start's maxEnergyWh, maxMinutes) end it at the
 * edge, within the site's: the session records what was chosen, keeps it across a restart, and
 * ends SESSION_LIMIT at the energy or the time, whichever comes first.
 */
class TenantLimitsTest {
    private static final Duration POLL = Duration.ofSeconds(5);

    private static SupervisedSite started(SessionLimits limits) {
        return started(limits, Bike.TYPICAL); // 180 W
    }

    private static SupervisedSite started(SessionLimits limits, Bike bike) {
        SupervisedSite site = SupervisedSite.onePile(4, SafetyLimits.DEFAULTS, null);
        site.pile().sim().plugIn(1, bike);
        site.run(Duration.ofSeconds(10), POLL);
        List<SafetyDecision> start = site.safety().requestStart("pile-1", 1, "t-42", site.now(), limits);
        assertThat(start).singleElement().isInstanceOf(SafetyDecision.ClosePort.class);
        site.apply(start);
        return site;
    }

    private static SessionRecord ended(SupervisedSite site) {
        SafetyDecision d = site.runUntil(x -> x instanceof SafetyDecision.SessionEnded, Duration.ofHours(10), POLL);
        assertThat(d).as("the session ends").isNotNull();
        return ((SafetyDecision.SessionEnded) d).session();
    }

    @Test
    void aChargeStopsAtTheEnergyTheTenantChose() {
        SupervisedSite site = started(new SessionLimits(null, 90));
        SessionRecord s = ended(site);
        assertThat(s.endReason()).isEqualTo(EndReason.SESSION_LIMIT);
        assertThat(s.startedBy()).isEqualTo("t-42");
        assertThat(s.limits()).isEqualTo(new SessionLimits(null, 90));
        assertThat(s.energyWh()).as("cut on the first reading at 90 Wh or more, a poll's worth over at most")
                .isBetween(90L, 91L);
        assertThat(site.pile().sim().port(1).relayClosed()).isFalse();
    }

    @Test
    void aChargeStopsAtTheTimeTheTenantChoseEvenAcrossARestart() {
        SupervisedSite site = started(new SessionLimits(45, 100_000));
        site.run(Duration.ofMinutes(20), POLL);
        site.restartGateway(new ChargingSafety(List.of(new AreaEgress("A", List.of("door-A"))),
                List.of(new PileSite("pile-1", 4, "A", null, SafetyLimits.DEFAULTS, AnomalySettings.DEFAULTS))));
        SessionRecord s = ended(site);
        assertThat(s.endReason()).isEqualTo(EndReason.SESSION_LIMIT);
        assertThat(s.duration(s.endedAt())).isBetween(Duration.ofMinutes(45), Duration.ofMinutes(45).plus(POLL.multipliedBy(2)));
    }

    @Test
    void aChosenTimeLongerThanTheSitesLongestChargeGivesWayToIt() {
        SupervisedSite site = started(new SessionLimits(SessionLimits.MAX_MINUTES, null), new Bike(5000, 0, 180));
        SessionRecord s = ended(site);
        assertThat(s.limits().maxMinutes()).as("what is enforced is the site's 8 h").isEqualTo(480);
        assertThat(s.duration(s.endedAt())).isBetween(Duration.ofHours(8).minus(POLL), Duration.ofHours(8).plus(POLL.multipliedBy(2)));
        assertThat(s.endReason()).as("the 8 h limit (the pile's, a poll before the gateway's) ended it").isEqualTo(EndReason.MAX_TIME);
    }
}
