package org.anju.agent.lift;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.DenyReason;
import org.anju.agent.access.Roster;
import org.anju.agent.access.TenantAccess;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.Lift;
import org.anju.profiles.model.Site;

/**
 * Which floors a lift takes a tenant to: the floors of the rooms their lease reaches (the roster's
 * room, and the room of every room door it lets them open), as the site file's {@code floors[]}
 * place those rooms, among the floors this lift serves. A guest is taken to their host's floors,
 * and only while both stays run. Pure: the roster and the time come in, a decision goes out.
 */
public final class HomeFloors {
    private final Map<String, String> floorOfRoom;
    private final Map<String, String> roomOfDoor;
    private final List<String> liftFloors;

    HomeFloors(Map<String, String> floorOfRoom, Map<String, String> roomOfDoor, List<String> liftFloors) {
        this.floorOfRoom = Map.copyOf(floorOfRoom);
        this.roomOfDoor = Map.copyOf(roomOfDoor);
        this.liftFloors = List.copyOf(liftFloors);
    }

    public static HomeFloors of(Site site, Lift lift) {
        Map<String, String> floorOfRoom = new HashMap<>();
        site.floors().forEach(f -> f.rooms().forEach(r -> floorOfRoom.putIfAbsent(r, f.name())));
        Map<String, String> roomOfDoor = new HashMap<>();
        site.doors().stream().filter(d -> d.place().kind() == Door.Place.Kind.ROOM)
                .forEach(d -> roomOfDoor.put(d.id(), d.place().name()));
        return new HomeFloors(floorOfRoom, roomOfDoor, lift.floors().stream().map(Lift.Stop::floor).toList());
    }

    /** Judges {@code rider} (empty: no tenant holds the card, or the park's tenant is not in the roster). */
    public LiftDecision decide(Roster roster, Optional<TenantAccess> rider, DenyReason nobody, Instant at) {
        if (rider.isEmpty()) {
            return new LiftDecision.Denied(nobody);
        }
        TenantAccess t = rider.get();
        if (Roster.stay(t, at) instanceof AccessDecision.Denied d) {
            return new LiftDecision.Denied(d.reason());
        }
        TenantAccess home = t;
        if (t.host().isPresent()) {
            Optional<TenantAccess> host = roster.tenant(t.host().get());
            if (host.isEmpty() || Roster.stay(host.get(), at) instanceof AccessDecision.Denied) {
                return new LiftDecision.Denied(DenyReason.HOST_NOT_VALID);
            }
            home = host.get();
        }
        List<String> floors = floorsOf(home);
        return floors.isEmpty() ? new LiftDecision.Denied(DenyReason.NO_FLOOR)
                : new LiftDecision.Granted(t.tenantId(), t.host(), floors);
    }

    private List<String> floorsOf(TenantAccess t) {
        Set<String> rooms = new LinkedHashSet<>();
        if (!t.room().isBlank()) {
            rooms.add(t.room());
        }
        t.doors().stream().map(roomOfDoor::get).filter(java.util.Objects::nonNull).forEach(rooms::add);
        Set<String> floors = new LinkedHashSet<>();
        rooms.stream().map(floorOfRoom::get).filter(java.util.Objects::nonNull).forEach(floors::add);
        return liftFloors.stream().filter(floors::contains).toList();
    }
}
