package org.anju.agent.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.anju.agent.access.CredentialKey;
import org.anju.agent.access.DenyReason;
import org.anju.agent.access.Roster;
import org.anju.agent.access.TenantAccess;
import org.junit.jupiter.api.Test;

/** Which floors a lift takes a renter or a guest to, from the roster and the site's rooms per floor. */
class HomeFloorsTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    private final HomeFloors floors = new HomeFloors(Map.of("301", "3", "302", "3", "701", "7", "1201", "12"),
            Map.of("room-701", "701"), List.of("B1", "1", "3", "7"));
    private final TenantAccess li = new TenantAccess("t-li", FROM, UNTIL, Set.of("entrance"), "301", Optional.empty());
    private final TenantAccess wang = new TenantAccess("t-wang", FROM, UNTIL, Set.of("room-701"), "302", Optional.empty());
    private final TenantAccess guest = new TenantAccess("t-guest", FROM, UNTIL, Set.of("lobby-gate"), "", Optional.of("t-li"));
    private final TenantAccess ended = new TenantAccess("t-ended", FROM, NOW, Set.of(), "302", Optional.empty());
    private final TenantAccess guestOfEnded = new TenantAccess("t-g2", FROM, UNTIL, Set.of(), "", Optional.of("t-ended"));
    private final TenantAccess tower = new TenantAccess("t-top", FROM, UNTIL, Set.of(), "1201", Optional.empty());
    private final Roster roster = new Roster(Map.<CredentialKey, String>of(), Map.of("t-li", li, "t-wang", wang, "t-guest", guest,
            "t-ended", ended, "t-g2", guestOfEnded, "t-top", tower));

    private LiftDecision decide(String tenant) {
        return floors.decide(roster, roster.tenant(tenant), DenyReason.UNKNOWN_TENANT, NOW);
    }

    @Test
    void aRenterIsTakenToTheFloorOfHerRoom() {
        assertThat(decide("t-li")).isEqualTo(new LiftDecision.Granted("t-li", Optional.empty(), List.of("3")));
    }

    @Test
    void everyRoomTheLeaseReachesCountsItsRoomAndItsRoomDoors() {
        assertThat(decide("t-wang")).isEqualTo(new LiftDecision.Granted("t-wang", Optional.empty(), List.of("3", "7")));
    }

    @Test
    void aGuestIsTakenToTheHostsFloorWhileBothStaysRun() {
        assertThat(decide("t-guest")).isEqualTo(new LiftDecision.Granted("t-guest", Optional.of("t-li"), List.of("3")));
        assertThat(decide("t-g2")).isEqualTo(new LiftDecision.Denied(DenyReason.HOST_NOT_VALID));
    }

    @Test
    void anEndedStayAnUnknownRiderAndARoomOnNoFloorOfThisLiftAreRefused() {
        assertThat(decide("t-ended")).isEqualTo(new LiftDecision.Denied(DenyReason.EXPIRED));
        assertThat(decide("t-nobody")).isEqualTo(new LiftDecision.Denied(DenyReason.UNKNOWN_TENANT));
        assertThat(decide("t-top")).as("floor 12 is not this lift's").isEqualTo(new LiftDecision.Denied(DenyReason.NO_FLOOR));
    }
}
