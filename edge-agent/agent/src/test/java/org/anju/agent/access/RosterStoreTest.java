package org.anju.agent.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.anju.agent.store.AppendResult;
import org.anju.agent.store.AuditTrail;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterStoreTest {
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final PinHasher PINS = new PinHasher(PinHasher.newKey());

    @TempDir
    Path dir;

    private GatewayDatabase open() {
        OpenResult r = GatewayDatabase.open(dir.resolve("gateway.db"));
        assertThat(r).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) r).database();
    }

    private static TenantRecord tenant(String id, Set<CredentialKey> credentials, Set<String> doors) {
        return new TenantRecord(id, "Wang Fang", "3-402", NOW.minusSeconds(3600), NOW.plusSeconds(86400),
                credentials, doors);
    }

    private static CredentialKey card(int facility, long number) {
        return CredentialKey.of(new Credential.Card(facility, number), PINS);
    }

    private static CredentialKey pin(String digits) {
        return CredentialKey.of(new Credential.Pin(digits), PINS);
    }

    private static Roster loaded(RosterStore store) {
        RosterLoad r = store.load().join();
        assertThat(r).isInstanceOf(RosterLoad.Loaded.class);
        return ((RosterLoad.Loaded) r).roster();
    }

    @Test
    void aRosterWrittenIsTheRosterReadAfterReopening() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            assertThat(store.replaceAll(List.of(
                    tenant("t-1", Set.of(card(3, 1001), pin("2468")), Set.of("entrance", "bike-shed")),
                    tenant("t-2", Set.of(card(3, 1002)), Set.of("entrance"))), 7).join())
                    .isEqualTo(new RosterWrite.Saved(2));
        }
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            assertThat(store.version().join()).isEqualTo(7);
            Roster roster = loaded(store);
            assertThat(roster.tenantCount()).isEqualTo(2);
            assertThat(roster.decide(pin("2468"), "bike-shed", NOW)).isEqualTo(new AccessDecision.Granted("t-1"));
            assertThat(roster.decide(card(3, 1002), "bike-shed", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.NOT_THIS_DOOR));
        }
    }

    @Test
    void aRentersRoomAndAGuestsHostAreReadBackForTheLifts() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.replaceAll(List.of(tenant("t-1", Set.of(card(3, 1001)), Set.of("lobby-gate")),
                    new TenantRecord("t-guest", "Guest", "", NOW.minusSeconds(60), NOW.plusSeconds(3600), Set.of(card(3, 1099)),
                            Set.of("lobby-gate"), java.util.Optional.of("t-1"))), 8).join();
        }
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            Roster roster = loaded(store);
            assertThat(roster.tenant("t-1").orElseThrow().room()).isEqualTo("3-402");
            assertThat(roster.tenant("t-1").orElseThrow().host()).isEmpty();
            assertThat(roster.holderOf(card(3, 1099)).orElseThrow().host()).contains("t-1");
        }
    }

    @Test
    void aPinIsOnDiskOnlyAsItsKeyedHash() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.upsert(tenant("t-1", Set.of(pin("482915")), Set.of("entrance"))).join();
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway.db"));
             var s = c.createStatement(); var rs = s.executeQuery("SELECT value FROM credential WHERE kind = 'pin'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain("482915").hasSize(64);
        }
        for (Path f : List.of(dir.resolve("gateway.db"), dir.resolve("gateway.db-wal"))) {
            if (Files.exists(f)) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain("482915");
            }
        }
    }

    @Test
    void upsertReplacesCredentialsAndDoorsAndMovesAHandedOnCard() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.upsert(tenant("t-1", Set.of(card(3, 1001)), Set.of("entrance"))).join();
            store.upsert(tenant("t-1", Set.of(card(3, 1005)), Set.of("bike-shed"))).join();
            store.upsert(tenant("t-2", Set.of(card(3, 1005)), Set.of("entrance"))).join();
            Roster roster = loaded(store);
            assertThat(roster.decide(card(3, 1001), "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
            assertThat(roster.decide(card(3, 1005), "entrance", NOW)).isEqualTo(new AccessDecision.Granted("t-2"));
        }
    }

    @Test
    void removingATenantRemovesTheirCredentials() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.upsert(tenant("t-1", Set.of(card(3, 1001)), Set.of("entrance"))).join();
            assertThat(store.remove("t-1").join()).isEqualTo(new RosterWrite.Saved(1));
            assertThat(loaded(store).decide(card(3, 1001), "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway.db"));
             var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM credential")) {
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aFullRosterGivingOneCardToTwoTenantsIsRefusedAndTheOldOneStays() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.upsert(tenant("t-0", Set.of(card(3, 1000)), Set.of("entrance"))).join();
            RosterWrite w = store.replaceAll(List.of(
                    tenant("t-1", Set.of(pin("1357")), Set.of("entrance")),
                    tenant("t-2", Set.of(pin("1357")), Set.of("entrance"))), 3).join();
            assertThat(w).isInstanceOf(RosterWrite.NotSaved.class);
            assertThat(((RosterWrite.NotSaved) w).reason()).contains("t-1", "t-2", "pin").doesNotContain("1357");
            assertThat(loaded(store).decide(card(3, 1000), "entrance", NOW)).isEqualTo(new AccessDecision.Granted("t-0"));
            assertThat(store.version().join()).isZero();
        }
    }

    @Test
    void rosterWritesAndOutboxAppendsRunSideBySideOnTheSameFile() throws Exception {
        try (GatewayDatabase db = open(); Outbox outbox = new Outbox(db, Clock.systemUTC());
             RosterStore store = new RosterStore(db)) {
            List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
            List<CompletableFuture<RosterWrite>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(outbox.append(new OutboxEvent.New(Priority.ACCESS, "door.opened", "{}")));
                writes.add(store.upsert(tenant("t-" + i, Set.of(card(3, i)), Set.of("entrance"))));
            }
            assertThat(appends).allSatisfy(f -> assertThat(f.join()).isInstanceOf(AppendResult.Stored.class));
            assertThat(writes).allSatisfy(f -> assertThat(f.join()).isInstanceOf(RosterWrite.Saved.class));
            assertThat(loaded(store).tenantCount()).isEqualTo(200);
        }
    }

    @Test
    void aDeltaGivingACardHeldByAnotherTenantChangesNothingUnlessItMovesTheCardWhole() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.replaceAll(List.of(tenant("li-wei", Set.of(card(3, 1001)), Set.of("entrance", "room-301"))), 1).join();

            RosterWrite taken = store.applyDelta(1, 2, List.of(tenant("new-302", Set.of(card(3, 1001)),
                    Set.of("entrance", "room-302"))), List.of()).join();
            assertThat(taken).isInstanceOf(RosterWrite.NotSaved.class);
            assertThat(((RosterWrite.NotSaved) taken).reason()).contains("held by tenant li-wei", "unchanged")
                    .doesNotContain("1001");
            assertThat(store.version().join()).isEqualTo(1);
            assertThat(loaded(store).decide(card(3, 1001), "room-301", NOW)).isEqualTo(new AccessDecision.Granted("li-wei"));

            RosterWrite handedOn = store.applyDelta(1, 2, List.of(tenant("li-wei", Set.of(), Set.of("entrance", "room-301")),
                    tenant("new-302", Set.of(card(3, 1001)), Set.of("entrance", "room-302"))), List.of()).join();
            assertThat(handedOn).isEqualTo(new RosterWrite.Saved(2));
            assertThat(loaded(store).decide(card(3, 1001), "room-302", NOW)).isEqualTo(new AccessDecision.Granted("new-302"));
        }
    }

    /**
     * The field failure (issue 15): a delta reads the version, then writes; begun deferred, the
     * write could not wait for the outbox's commit that came in between and failed at once with
     * SQLITE_BUSY; and polling SQLite's lock, a writer could lose every turn to a busy outbox.
     * 200 deltas while the outbox never stops committing appends: every one applies.
     */
    @Test
    void deltasApplyWhileTheOutboxCommitsABurstOfAppends() throws Exception {
        try (GatewayDatabase db = open(); Outbox outbox = new Outbox(db, Clock.systemUTC());
             RosterStore store = new RosterStore(db)) {
            java.util.concurrent.atomic.AtomicBoolean bursting = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong appended = new java.util.concurrent.atomic.AtomicLong();
            // the writer never idles: the next hundred appends are queued before the last hundred are
            // committed, so it takes the lock back the moment it lets it go
            Thread burst = new Thread(() -> {
                CompletableFuture<AppendResult> previous = null;
                while (bursting.get()) {
                    CompletableFuture<AppendResult> last = null;
                    for (int i = 0; i < 100; i++) {
                        last = outbox.append(new OutboxEvent.New(Priority.TELEMETRY, "port.reading", "{}"));
                    }
                    if (previous != null && previous.join() instanceof AppendResult.Stored) {
                        appended.addAndGet(100);
                    }
                    previous = last;
                }
            }, "append-burst");
            // and the audit trail records every command, on a connection of its own
            AuditTrail audit = new AuditTrail(db, Clock.systemUTC());
            Thread auditing = new Thread(() -> {
                while (bursting.get()) {
                    assertThat(audit.record("officer-2", "door.open", "id=x door=entrance").join()).isNull();
                }
            }, "auditing");
            burst.start();
            auditing.start();
            long before;
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> appended.get() >= 1000);
                before = appended.get();
                for (int v = 0; v < 200; v++) {
                    RosterWrite w = store.applyDelta(v, v + 1,
                            List.of(tenant("t-" + v, Set.of(card(3, v)), Set.of("entrance"))),
                            v == 0 ? List.of() : List.of("t-" + (v - 1))).join();
                    assertThat(w).as("delta %d -> %d with %d events appended so far", v, v + 1, appended.get())
                            .isEqualTo(new RosterWrite.Saved(v == 0 ? 1 : 2));
                }
            } finally {
                bursting.set(false);
                burst.join();
                auditing.join();
                audit.close();
            }
            assertThat(appended.get() - before).as("the outbox took its bursts meanwhile").isGreaterThanOrEqualTo(1000);
            assertThat(store.version().join()).isEqualTo(200);
            assertThat(loaded(store).decide(card(3, 199), "entrance", NOW)).isEqualTo(new AccessDecision.Granted("t-199"));
            assertThat(loaded(store).tenantCount()).isEqualTo(1);
        }
    }

    @Test
    void aClosedStoreAnswersWithAReason() throws Exception {
        try (GatewayDatabase db = open()) {
            RosterStore store = new RosterStore(db);
            store.close();
            assertThat(store.load().join()).isInstanceOf(RosterLoad.NotLoaded.class);
            assertThat(store.remove("t-1").join()).isInstanceOf(RosterWrite.NotSaved.class);
        }
    }

    @Test
    void aTenantRecordNeverPrintsNameOrRoom() {
        assertThat(tenant("t-1", Set.of(), Set.of()).toString()).doesNotContain("Wang", "3-402");
    }

    @Test
    void aDeltaAppliesOnlyOnTheVersionItStartsFromAndMovesTheVersionWithIt() throws Exception {
        try (GatewayDatabase db = open(); RosterStore store = new RosterStore(db)) {
            store.replaceAll(List.of(tenant("t-1", Set.of(card(3, 1001)), Set.of("entrance")),
                    tenant("t-2", Set.of(card(3, 1002)), Set.of("entrance"))), 4).join();

            RosterWrite gap = store.applyDelta(5, 6, List.of(tenant("t-3", Set.of(card(3, 1003)), Set.of("entrance"))),
                    List.of("t-1")).join();
            assertThat(gap).isEqualTo(new RosterWrite.Gap(4));
            assertThat(loaded(store).decide(card(3, 1001), "entrance", NOW)).isEqualTo(new AccessDecision.Granted("t-1"));
            assertThat(loaded(store).decide(card(3, 1003), "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));

            RosterWrite applied = store.applyDelta(4, 5,
                    List.of(tenant("t-2", Set.of(card(3, 2002)), Set.of("bike-shed"))), List.of("t-1")).join();
            assertThat(applied).isEqualTo(new RosterWrite.Saved(2));
            assertThat(store.version().join()).isEqualTo(5);
            Roster roster = loaded(store);
            assertThat(roster.decide(card(3, 1001), "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
            assertThat(roster.decide(card(3, 1002), "entrance", NOW))
                    .as("an upsert replaces the tenant's credentials whole")
                    .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
            assertThat(roster.decide(card(3, 2002), "bike-shed", NOW)).isEqualTo(new AccessDecision.Granted("t-2"));
            assertThat(roster.decideTenant("t-2", "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.NOT_THIS_DOOR));
            assertThat(roster.decideTenant("t-1", "entrance", NOW))
                    .isEqualTo(new AccessDecision.Denied(DenyReason.UNKNOWN_TENANT));
        }
    }
}
