package org.anju.agent.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.agent.occupancy.Occupancy.Direction;
import org.anju.profiles.model.OccupancySettings;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Who is inside, from passages: renters by name, tailgaters by count, and a count that never double counts. */
class OccupancyTest {
    private static final Instant T = Instant.parse("2026-06-01T07:00:00Z");
    private final Occupancy occupancy = new Occupancy();

    private Occupancy.Change pass(Direction d, String tenant) {
        return occupancy.passage("T3", d, Optional.ofNullable(tenant), "lobby-gate", T);
    }

    @Test
    void renterInAndOutAndATailgaterMoveTheCount() {
        assertThat(pass(Direction.IN, "t-li").inside()).isEqualTo(1);
        assertThat(pass(Direction.IN, null).inside()).isEqualTo(2);
        assertThat(occupancy.roll("T3")).extracting(Occupancy.Person::tenant).containsExactly("t-li");
        assertThat(occupancy.unidentified("T3")).isEqualTo(1);
        assertThat(pass(Direction.OUT, "t-li").inside()).isEqualTo(1);
        assertThat(occupancy.isInside("T3", "t-li")).isFalse();
    }

    @Test
    void aRenterSeenLeavingWhoCameInUnidentifiedIsNotCountedTwice() {
        pass(Direction.IN, null);              // came in behind someone
        assertThat(pass(Direction.OUT, "t-li").inside()).isZero();
        pass(Direction.IN, "t-wang");
        pass(Direction.OUT, null);             // left through the free gate in a fire
        assertThat(pass(Direction.IN, "t-wang").inside()).as("back in, counted once").isEqualTo(1);
    }

    @Test
    void theCountNeverGoesBelowZeroAndReconcilingDropsTheUnidentified() {
        pass(Direction.OUT, null);
        pass(Direction.OUT, null);
        assertThat(occupancy.count("T3")).isZero();
        pass(Direction.IN, "t-li");
        pass(Direction.IN, null);
        pass(Direction.IN, null);
        pass(Direction.IN, null);
        Occupancy.Reconciled r = occupancy.reconcile("T3", OccupancySettings.Reconcile.IDENTIFIED);
        assertThat(r.after()).isEqualTo(1);
        assertThat(occupancy.reconcile("T3", OccupancySettings.Reconcile.ZERO)).isEqualTo(new Occupancy.Reconciled("T3", 1, 0, List.of("t-li")));
    }

    @Test
    void anOfficersResetCountsTheRenterOut() {
        pass(Direction.IN, "t-li");
        assertThat(occupancy.reset("T3", "t-li")).map(Occupancy.Change::inside).contains(0);
        assertThat(occupancy.reset("T3", "t-li")).isEmpty();
    }

    @Test
    void theReconciliationIsDueOnceAfterItsHourEvenIfTheGatewayWasOffThen() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalTime four = LocalTime.of(4, 0);
        Instant lastNight = Instant.parse("2026-05-31T20:00:00Z"); // 04:00 on June 1st in Shanghai
        assertThat(ReconcileSchedule.due(lastNight, Instant.parse("2026-06-01T19:59:00Z"), shanghai, four)).isEmpty();
        assertThat(ReconcileSchedule.due(lastNight, Instant.parse("2026-06-01T20:00:00Z"), shanghai, four))
                .contains(Instant.parse("2026-06-01T20:00:00Z"));
        assertThat(ReconcileSchedule.due(lastNight, Instant.parse("2026-06-03T09:00:00Z"), shanghai, four))
                .as("off for two days: once, for the latest").contains(Instant.parse("2026-06-02T20:00:00Z"));
    }

    /** Only identified passages: the count is exactly the renters whose last passage was in. */
    @Property(tries = 200)
    void identifiedPassagesCountEveryRenterWhoseLastPassageWasIn(@ForAll("passages") List<Map.Entry<String, Boolean>> passages) {
        Occupancy o = new Occupancy();
        Map<String, Boolean> last = new HashMap<>();
        for (Map.Entry<String, Boolean> p : passages) {
            o.passage("B", p.getValue() ? Direction.IN : Direction.OUT, Optional.of(p.getKey()), "g", T);
            last.put(p.getKey(), p.getValue());
        }
        long expected = last.values().stream().filter(in -> in).count();
        assertThat(o.count("B")).isEqualTo(expected);
        assertThat(o.roll("B")).hasSize((int) expected);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, Boolean>>> passages() {
        return Arbitraries.integers().between(1, 30).map(i -> "t-" + i).flatMap(t -> Arbitraries.of(true, false).map(b -> Map.entry(t, b)))
                .list().ofMaxSize(300);
    }
}
