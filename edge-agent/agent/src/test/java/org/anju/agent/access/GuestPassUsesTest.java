package org.anju.agent.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's guest pass at the gateway: a PIN for the entrance, a window and a number of opens,
 * counted by the gateway with no park, kept across a restart, refused after the last and after
 * the window, gone once the park removes the record (a revocation), and refused once the tenant
 * whose guest it is has left.
 */
class GuestPassUsesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @TempDir
    Path dir;

    private final AccessDecider decider = new AccessDecider(new PinHasher(PinHasher.newKey()));

    private GatewayDatabase open() {
        OpenResult r = GatewayDatabase.open(dir.resolve("gateway.db"));
        assertThat(r).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) r).database();
    }

    private TenantRecord pass(int uses) {
        return new TenantRecord("g-courier", "Guest of t-li", "301", NOW.minusSeconds(60), NOW.plusSeconds(3600),
                Set.of(decider.key(new Credential.Pin("482913"))), Set.of("entrance"), Optional.of("t-li"),
                Optional.of(uses));
    }

    /** The tenant whose guest the pass is. */
    private TenantRecord host() {
        return new TenantRecord("t-li", "Li Wei", "301", NOW.minusSeconds(86400), NOW.plusSeconds(86400),
                Set.of(decider.key(new Credential.Card(3, 1001))), Set.of("entrance", "room-301"));
    }

    private void load(RosterStore store) {
        decider.replace(((RosterLoad.Loaded) store.load().join()).roster());
    }

    @Test
    void theGatewayCountsAPassesOpensAcrossARestartAndRefusesTheOneAfterTheLast() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.replaceAll(List.of(host(), pass(2)), 5).join();
            decider.recordUsesWith((guest, used) -> store.recordUse(guest, used).join());
            load(store);
            AccessDecider.KeypadDecision first = decider.decideEntry("482913", "entrance", NOW);
            assertThat(first.decision()).isEqualTo(new AccessDecision.Granted("g-courier", "t-li"));
            assertThat(decider.decideEntry("482913", "room-301", NOW).decision())
                    .as("entrance doors only").isEqualTo(new AccessDecision.Denied(DenyReason.NOT_THIS_DOOR));
        }
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            decider.recordUsesWith((guest, used) -> store.recordUse(guest, used).join());
            load(store);
            // the park sends the same record again (a snapshot): the uses stay counted
            store.applyDelta(5, 6, List.of(pass(2)), List.of()).join();
            load(store);
            assertThat(decider.decideTenant("g-courier", "entrance", NOW))
                    .as("the link's open is the second use").isEqualTo(new AccessDecision.Granted("g-courier", "t-li"));
            assertThat(decider.decideEntry("482913", "entrance", NOW).decision())
                    .isEqualTo(new AccessDecision.Denied(DenyReason.USES_SPENT));
            assertThat(decider.decideTenant("g-courier", "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.USES_SPENT));
        }
    }

    @Test
    void aPassOutsideItsWindowOrRevokedOpensNothingAndARenewedOneStartsAfresh() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.replaceAll(List.of(host(), pass(1)), 1).join();
            decider.recordUsesWith((guest, used) -> store.recordUse(guest, used).join());
            load(store);
            assertThat(decider.decideEntry("482913", "entrance", NOW.plusSeconds(3600)).decision())
                    .isEqualTo(new AccessDecision.Denied(DenyReason.EXPIRED));
            assertThat(decider.decideEntry("482913", "entrance", NOW).decision()).isInstanceOf(AccessDecision.Granted.class);
            store.applyDelta(1, 2, List.of(), List.of("g-courier")).join();
            load(store);
            assertThat(decider.decideEntry("482913", "entrance", NOW).decision())
                    .as("revoked: the code is unknown").isEqualTo(new AccessDecision.Denied(DenyReason.WRONG_PIN));
            store.applyDelta(2, 3, List.of(pass(3)), List.of()).join();
            load(store);
            assertThat(decider.decideEntry("482913", "entrance", NOW).decision())
                    .as("the uses went with the removed record").isInstanceOf(AccessDecision.Granted.class);
            store.applyDelta(3, 4, List.of(), List.of("t-li")).join();
            load(store);
            assertThat(decider.decideTenant("g-courier", "entrance", NOW))
                    .as("the tenant's lease ended: their guests no longer come in")
                    .isEqualTo(new AccessDecision.Denied(DenyReason.HOST_NOT_VALID));
        }
    }
}
