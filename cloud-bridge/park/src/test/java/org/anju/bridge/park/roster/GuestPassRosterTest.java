package org.anju.bridge.park.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.privacy.FieldCipher;
import org.anju.bridge.park.store.GuestPassStore;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.PeopleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's guest pass as the park keeps it and as the building's roster carries it: issuing and
 * revoking each move the roster's version for the pass's record, so the gateway is sent exactly
 * that change; the record is the code as a PIN at the entrances only, in the pass's window, the
 * tenant as its host and its number of opens.
 */
class GuestPassRosterTest {
    private static final long NOW = 1_780_000_000_000L;
    @TempDir
    Path dir;

    private final ParkConfig.Building b07 = new ParkConfig.Building("b07", "Building 7", "gw-b07",
            List.of(new ParkConfig.Door("entrance", Optional.empty()), new ParkConfig.Door("lobby-gate", Optional.empty(), "gate"),
                    new ParkConfig.Door("shed-gate", Optional.empty(), "shed"), new ParkConfig.Door("room-301", Optional.of("301"))),
            List.of(), Optional.empty(), List.of());

    private ParkDatabase open() {
        return ((ParkDatabase.Opened.Ok) ParkDatabase.open(new ParkConfig.Store.Sqlite(dir.resolve("park.db")), "test")).database();
    }

    private static GuestPassStore.Request courier(String tenant) {
        return new GuestPassStore.Request(tenant, "b07", "301", "快递", NOW, NOW + 4 * 3_600_000L, 2);
    }

    @Test
    void issuingAndRevokingAPassEachSendTheGatewayThatOneRecord() throws Exception {
        try (ParkDatabase db = open()) {
            GuestPassStore passes = new GuestPassStore(db, FieldCipher.fromHex("33".repeat(32)));
            PeopleStore people = new PeopleStore(db);
            GuestPassStore.Pass pass = ((GuestPassStore.Issued.Done) passes.issue(courier("t-li"), NOW).join()).pass();
            assertThat(pass.id()).startsWith("g-");
            assertThat(pass.code()).matches("[0-9]{6}");
            assertThat(GuestPassStore.isGuest(pass.id())).isTrue();
            assertThat(people.changesSince("b07", 0).join()).isEqualTo(new PeopleStore.Changes(1, List.of(pass.id()), true));
            assertThat(passes.byLink(pass.link()).join()).contains(pass);
            assertThat(passes.byLink(pass.link() + "x").join()).isEmpty();

            CommandBody.RosterTenant record = RosterSync.toRoster(b07, pass);
            assertThat(record.doors()).as("the building's entrance only").containsExactly("entrance");
            assertThat(record.credentials()).containsExactly(new CommandBody.RosterCredential("pin", pass.code()));
            assertThat(record.host()).isEqualTo("t-li");
            assertThat(record.maxUses()).isEqualTo(2);
            assertThat(record.validUntil() - record.validFrom()).isEqualTo(4 * 3_600_000L);

            assertThat(passes.revoke("t-wang", pass.id(), NOW).join()).as("another tenant's pass").isEmpty();
            GuestPassStore.Pass revoked = passes.revoke("t-li", pass.id(), NOW + 1).join().orElseThrow();
            assertThat(revoked.rosterVersion()).isEqualTo(2);
            assertThat(revoked.liveAt(NOW + 2)).isFalse();
            assertThat(people.changesSince("b07", 1).join()).isEqualTo(new PeopleStore.Changes(2, List.of(pass.id()), true));
            assertThat(passes.revoke("t-li", pass.id(), NOW + 2).join()).as("revoked already").isEmpty();
        }
    }

    @Test
    void aTenantHasAtMostTenLivePassesAndNoTwoLivePassesOfABuildingShareACode() throws Exception {
        try (ParkDatabase db = open()) {
            GuestPassStore passes = new GuestPassStore(db, FieldCipher.fromHex("33".repeat(32)));
            for (int i = 0; i < GuestPassStore.LIVE_PER_TENANT; i++) {
                assertThat(passes.issue(courier("t-li"), NOW).join()).isInstanceOf(GuestPassStore.Issued.Done.class);
            }
            assertThat(passes.issue(courier("t-li"), NOW).join()).isEqualTo(new GuestPassStore.Issued.TooMany(10));
            assertThat(passes.issue(courier("t-wang"), NOW).join()).isInstanceOf(GuestPassStore.Issued.Done.class);
            assertThat(passes.ofBuilding("b07").join().stream().map(GuestPassStore.Pass::code).distinct()).hasSize(11);
        }
    }
}
