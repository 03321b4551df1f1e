package org.anju.agent.occupancy;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.OccupancySettings;

/**
 * Who is inside each building, from the gates' passages. Pure and single-threaded: passages in,
 * counts out. A renter identified entering is inside until identified leaving; a passage nobody
 * identified (a tailgater, the gate held free in a fire) moves an anonymous balance. The count is
 * the renters inside plus that balance, never below zero. When an identified person's passage
 * contradicts what is known (leaving without having been seen entering, entering while counted in),
 * the anonymous balance is taken to be theirs, so nobody is counted twice.
 */
public final class Occupancy {
    public enum Direction { IN, OUT }

    /** A renter last seen entering a building, through which gate and when. */
    public record Person(String tenant, Instant since, String gate) {
    }

    /** A building after a passage or a change: its count, its anonymous balance, who changed. */
    public record Change(String building, int inside, int anonymous, String tenant, Optional<Person> now) {
    }

    /** A building before and after a reconciliation. */
    public record Reconciled(String building, int before, int after, List<String> countedOut) {
    }

    private final Map<String, Map<String, Person>> inside = new HashMap<>();
    private final Map<String, Integer> anonymous = new HashMap<>();

    /** Puts back what was on disk. */
    public void restore(String building, List<Person> people, int anonymousBalance) {
        Map<String, Person> in = inside.computeIfAbsent(building, b -> new HashMap<>());
        people.forEach(p -> in.put(p.tenant(), p));
        anonymous.put(building, anonymousBalance);
    }

    public Change passage(String building, Direction direction, Optional<String> tenant, String gate, Instant at) {
        Map<String, Person> in = inside.computeIfAbsent(building, b -> new HashMap<>());
        int balance = anonymous.getOrDefault(building, 0);
        if (tenant.isEmpty()) {
            balance += direction == Direction.IN ? 1 : -1;
        } else if (direction == Direction.IN) {
            if (in.containsKey(tenant.get()) && balance < 0) {
                balance++; // counted in, seen leaving by nobody: the anonymous exit was theirs
            }
            in.put(tenant.get(), new Person(tenant.get(), at, gate));
        } else if (in.remove(tenant.get()) == null && balance > 0) {
            balance--; // leaving, never seen entering: the anonymous entry was theirs
        }
        anonymous.put(building, balance);
        return new Change(building, count(building), balance, tenant.orElse(null),
                tenant.map(t -> in.get(t)));
    }

    /** An officer resets a card's anti-passback: the renter is counted out. Empty if they were not in. */
    public Optional<Change> reset(String building, String tenant) {
        Map<String, Person> in = inside.getOrDefault(building, Map.of());
        if (!in.containsKey(tenant)) {
            return Optional.empty();
        }
        inside.get(building).remove(tenant);
        return Optional.of(new Change(building, count(building), anonymous.getOrDefault(building, 0), tenant, Optional.empty()));
    }

    public Reconciled reconcile(String building, OccupancySettings.Reconcile to) {
        int before = count(building);
        List<String> out = List.of();
        if (to == OccupancySettings.Reconcile.ZERO) {
            Map<String, Person> in = inside.computeIfAbsent(building, b -> new HashMap<>());
            out = in.keySet().stream().sorted().toList();
            in.clear();
        }
        anonymous.put(building, 0);
        return new Reconciled(building, before, count(building), out);
    }

    public int count(String building) {
        return Math.max(0, inside.getOrDefault(building, Map.of()).size() + anonymous.getOrDefault(building, 0));
    }

    /** People counted in whom nobody identified (never below zero). */
    public int unidentified(String building) {
        return Math.max(0, anonymous.getOrDefault(building, 0));
    }

    public int anonymousBalance(String building) {
        return anonymous.getOrDefault(building, 0);
    }

    public boolean isInside(String building, String tenant) {
        return inside.getOrDefault(building, Map.of()).containsKey(tenant);
    }

    /** The renters last seen entering, earliest first. */
    public List<Person> roll(String building) {
        return inside.getOrDefault(building, Map.of()).values().stream()
                .sorted(Comparator.comparing(Person::since).thenComparing(Person::tenant)).toList();
    }

    /** The buildings where {@code tenant} is counted in. */
    public List<String> buildingsOf(String tenant) {
        return inside.entrySet().stream().filter(e -> e.getValue().containsKey(tenant)).map(Map.Entry::getKey).sorted().toList();
    }
}
