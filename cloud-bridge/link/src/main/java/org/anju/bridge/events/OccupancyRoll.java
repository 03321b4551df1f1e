package org.anju.bridge.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.anju.bridge.contract.Contract;

/**
 * The payload of an {@code occupancy.roll} event: who is inside a building, sent only while a fire
 * alarm is active there (when it starts, then at most every 10 s while it changes) and once more when
 * it ends with {@code fire: false} and no tenants, so the park forgets the list. The rest of the
 * time the list stays on the gateway; only the count travels (in every {@code gate.passage}).
 *
 * @param inside       the count: identified renters plus the net of unidentified passages
 * @param unidentified people counted in whom no card or phone identified (tailgaters, fire-free passages)
 */
@JsonPropertyOrder({"building", "fire", "inside", "unidentified", "tenants"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OccupancyRoll(String building, boolean fire, int inside, int unidentified, List<Person> tenants) {
    public static final String TYPE = "occupancy.roll";

    /** A renter last seen entering, and when (epoch milliseconds). */
    public record Person(String tenant, long since) {
        public Person {
            Contract.requireId("tenant", tenant);
        }
    }

    public OccupancyRoll {
        Fields.text("building", building, 64);
        tenants = List.copyOf(tenants == null ? List.of() : tenants);
        if (inside < 0 || unidentified < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
        if (!fire && !tenants.isEmpty()) {
            throw new IllegalArgumentException("the list of people inside travels only during a fire");
        }
    }
}
