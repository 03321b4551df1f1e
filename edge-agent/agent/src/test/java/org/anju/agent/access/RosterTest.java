package org.anju.agent.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RosterTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-09-01T00:00:00Z");
    private static final CredentialKey CARD = new CredentialKey("card", "12:3456");

    private final Roster roster = new Roster(Map.of(CARD, "t-1", new CredentialKey("card", "1:1"), "t-gone"),
            Map.of("t-1", new TenantAccess("t-1", FROM, UNTIL, Set.of("entrance", "bike-shed"))));

    @Test
    void aValidTenantAtTheirDoorIsGranted() {
        assertThat(roster.decide(CARD, "entrance", FROM.plusSeconds(60)))
                .isEqualTo(new AccessDecision.Granted("t-1"));
    }

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        assertThat(roster.decide(CARD, "entrance", FROM)).isInstanceOf(AccessDecision.Granted.class);
        assertThat(roster.decide(CARD, "entrance", FROM.minusMillis(1)))
                .isEqualTo(new AccessDecision.Denied(DenyReason.NOT_YET_VALID));
        assertThat(roster.decide(CARD, "entrance", UNTIL.minusMillis(1))).isInstanceOf(AccessDecision.Granted.class);
        assertThat(roster.decide(CARD, "entrance", UNTIL)).isEqualTo(new AccessDecision.Denied(DenyReason.EXPIRED));
    }

    @Test
    void anotherDoorIsRefusedByName() {
        assertThat(roster.decide(CARD, "roof", FROM.plusSeconds(60)))
                .isEqualTo(new AccessDecision.Denied(DenyReason.NOT_THIS_DOOR));
    }

    @Test
    void anUnknownCardAndACardOfARemovedTenantAreBothUnknown() {
        assertThat(roster.decide(new CredentialKey("card", "99:99"), "entrance", FROM))
                .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
        assertThat(roster.decide(new CredentialKey("card", "1:1"), "entrance", FROM))
                .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
    }

    @Test
    void theWindowIsJudgedBeforeTheDoor() {
        assertThat(roster.decide(CARD, "roof", UNTIL)).isEqualTo(new AccessDecision.Denied(DenyReason.EXPIRED));
    }

    @Test
    void anEmptyRosterKnowsNoOne() {
        assertThat(Roster.empty().decide(CARD, "entrance", FROM))
                .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
    }
}
