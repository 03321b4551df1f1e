package org.anju.agent.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccessDeciderTest {
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void cardsAndPinsAreDecidedFromTheRosterInMemory() {
        AccessDecider decider = new AccessDecider(new PinHasher(PinHasher.newKey()));
        TenantAccess tenant = new TenantAccess("t-7", NOW.minusSeconds(86400), NOW.plusSeconds(86400), Set.of("entrance"));
        decider.replace(new Roster(Map.of(
                decider.key(new Credential.Card(3, 1001)), "t-7",
                decider.key(new Credential.Pin("2468")), "t-7"), Map.of("t-7", tenant)));

        assertThat(decider.decide(new Credential.Card(3, 1001), "entrance", NOW))
                .isEqualTo(new AccessDecision.Granted("t-7"));
        assertThat(decider.decide(new Credential.Pin("2468"), "entrance", NOW))
                .isEqualTo(new AccessDecision.Granted("t-7"));
        assertThat(decider.decide(new Credential.Pin("2469"), "entrance", NOW))
                .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
        assertThat(decider.decide(new Credential.Card(4, 1001), "entrance", NOW))
                .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
    }
}
