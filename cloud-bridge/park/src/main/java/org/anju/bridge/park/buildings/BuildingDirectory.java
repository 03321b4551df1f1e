package org.anju.bridge.park.buildings;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.BuildingStore;
import org.anju.bridge.park.store.EnrollmentStore;

/**
 * The park's buildings as every part of the bridge reads them: by id, by gateway (a map, not a
 * scan: every message from a gateway asks), all in id order, and each one's version. One immutable
 * snapshot at a time, swapped whole, so a reader never sees half a change. Filled from the store
 * at start and read again after every change: this instance's own (at once, before the change is
 * answered) and, on PostgreSQL, every other instance's ({@link #reload}, when their NOTIFY arrives
 * or when the listening connection was lost and notices may have been missed).
 */
public final class BuildingDirectory {
    private static final Logger LOG = Logger.getLogger(BuildingDirectory.class.getName());

    /** Everything known at one moment. */
    private record Snapshot(List<ParkConfig.Building> all, Map<String, BuildingStore.Stored> byId,
                            Map<String, ParkConfig.Building> byGateway) {
        static Snapshot of(List<BuildingStore.Stored> rows) {
            Map<String, BuildingStore.Stored> byId = new LinkedHashMap<>();
            Map<String, ParkConfig.Building> byGateway = new LinkedHashMap<>();
            rows.stream().sorted(Comparator.comparing(s -> s.building().id())).forEach(s -> {
                byId.put(s.building().id(), s);
                byGateway.put(s.building().gateway(), s.building());
            });
            return new Snapshot(byId.values().stream().map(BuildingStore.Stored::building).toList(),
                    java.util.Collections.unmodifiableMap(byId), java.util.Collections.unmodifiableMap(byGateway));
        }
    }

    private final BuildingStore store;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot now = Snapshot.of(List.of());
    private volatile String problem;

    private BuildingDirectory(BuildingStore store) {
        this.store = store;
    }

    /** The directory of the buildings in {@code store}, empty until {@link #reload} completes. */
    public static BuildingDirectory of(BuildingStore store) {
        return new BuildingDirectory(store);
    }

    /** A directory of these buildings and no store (route and rule tests). */
    public static BuildingDirectory fixed(List<ParkConfig.Building> buildings) {
        BuildingDirectory d = new BuildingDirectory(null);
        d.now = Snapshot.of(buildings.stream().map(b -> new BuildingStore.Stored(b, 1, 0, "")).toList());
        return d;
    }

    public List<ParkConfig.Building> all() {
        return now.all();
    }

    public Optional<ParkConfig.Building> building(String id) {
        return Optional.ofNullable(now.byId().get(id)).map(BuildingStore.Stored::building);
    }

    /** The building as stored: its version and last change. */
    public Optional<BuildingStore.Stored> stored(String id) {
        return Optional.ofNullable(now.byId().get(id));
    }

    public Optional<ParkConfig.Building> buildingOfGateway(String gateway) {
        return Optional.ofNullable(now.byGateway().get(gateway));
    }

    /** Called (on the store's thread) after each change is in the directory: caches built from buildings drop theirs. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public CompletableFuture<BuildingStore.Outcome> create(ParkConfig.Building b, long at, String by) {
        return served(store.create(b, at, by));
    }

    public CompletableFuture<BuildingStore.Outcome> update(ParkConfig.Building b, long fromVersion, long at, String by) {
        return served(store.update(b, fromVersion, at, by));
    }

    public CompletableFuture<BuildingStore.Outcome> delete(String id) {
        return served(store.delete(id));
    }

    /** Issues an enrollment code for a building's gateway ({@link EnrollmentStore#issue}). */
    public CompletableFuture<Void> issueEnrollment(String codeHash, EnrollmentStore.Pending forWhom, String by, long at,
                                                   long expiresAt) {
        return new EnrollmentStore(store).issue(codeHash, forWhom, by, at, expiresAt);
    }

    /** What an enrollment code is for, if it may still be used; nothing is changed. */
    public CompletableFuture<Optional<EnrollmentStore.Pending>> enrollment(String codeHash, long at) {
        return new EnrollmentStore(store).pending(codeHash, at);
    }

    /** Uses an enrollment code; answered once this instance believes the gateway by {@code publicKeyPem}. */
    public CompletableFuture<Optional<EnrollmentStore.Pending>> enroll(String codeHash, String publicKeyPem, long at, String from) {
        return new EnrollmentStore(store).redeem(codeHash, publicKeyPem, at, from)
                .thenCompose(used -> used.isPresent() ? reload().thenApply(v -> used) : CompletableFuture.completedFuture(used));
    }

    /** A change is answered once this instance serves it (the others hear of it through the store). */
    private CompletableFuture<BuildingStore.Outcome> served(CompletableFuture<BuildingStore.Outcome> write) {
        return write.thenCompose(o -> o instanceof BuildingStore.Outcome.Done
                ? reload().thenApply(v -> o) : CompletableFuture.completedFuture(o));
    }

    /**
     * Reads the buildings from the store again and serves them from then on. Reads queue on the
     * store's one lane in order, so the newest read is the last one applied.
     */
    public CompletableFuture<Void> reload() {
        if (store == null) {
            return CompletableFuture.completedFuture(null);
        }
        return store.all().thenAccept(rows -> {
            now = Snapshot.of(rows);
            problem = null;
            listeners.forEach(Runnable::run);
        }).whenComplete((done, failed) -> {
            if (failed != null) {
                // served as last read, and said so in /health until a read succeeds (the next notice, or a resync)
                problem = "cannot read the buildings again from the store, serving them as read before: " + failed.getMessage();
                LOG.warning("buildings: " + problem);
            }
        });
    }

    /** Why the buildings served may be out of date (the last read failed), or null. */
    public String problem() {
        return problem;
    }

    /**
     * Imports park.yaml's buildings that were never imported (see {@link BuildingStore#importOnce}),
     * says in one line what it did, and fills the directory.
     */
    public CompletableFuture<Void> importOnce(List<ParkConfig.Building> fromYaml, long now) {
        if (fromYaml.isEmpty()) {
            return reload();
        }
        return store.importOnce(fromYaml, now).thenCompose(done -> {
            int already = fromYaml.size() - done.added().size() - done.skipped().size();
            LOG.info("buildings: park.yaml lists " + fromYaml.size() + "; imported " + done.added().size()
                    + " into the park store" + (already > 0 ? ", " + already + " imported before (not read again: the admin"
                    + " manages them on buildings.html or /api/v1/park/buildings)" : "")
                    + (done.skipped().isEmpty() ? "" : "; not imported, their id or gateway is another building's in the store: "
                    + String.join(", ", done.skipped())));
            return reload();
        });
    }
}
