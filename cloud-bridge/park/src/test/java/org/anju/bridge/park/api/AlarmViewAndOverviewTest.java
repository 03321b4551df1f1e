package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.config.ParkConfigLoader;
import org.anju.bridge.park.store.StateQueries;
import org.anju.bridge.testing.TestPark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/** What the console is told of an alarm and of the park at a glance, from the gateway's alarms and the store's summaries. */
class AlarmViewAndOverviewTest {
    @TempDir
    Path dir;
    private ParkConfig config;

    @BeforeEach
    void config() throws Exception {
        var loaded = ParkConfigLoader.load(TestPark.yaml(dir, """
                buildings:
                  - {id: b07, name: Building 7, gateway: gw-b07, doors: [{id: entrance}], areas: [{id: shed, piles: [pile-1, pile-2]}]}
                  - {id: b08, name: Building 8, gateway: gw-b08, doors: [{id: entrance}], areas: [{id: yard, piles: [pile-1]}]}
                """));
        config = ((ParkConfigLoader.Result.Loaded) loaded).config();
    }

    @Test
    void aFireAlarmFromAnInputNamesTheInputAndItsAreaSoTheConsoleCanCutIt() {
        // what the demo's smoke in the shed sent: the area is the source, the cause an input with no numbers
        JsonObject fire = new JsonObject().put("id", "area:shed/FIRE/1773561602000").put("kind", "FIRE").put("severity", "FIRE")
                .put("source", "area:shed").put("detail", "fire input 'shed-smoke' tripped").put("raisedAt", "2026-03-15T08:00:02Z")
                .put("cause", new JsonObject().put("areaId", "shed").put("input", "shed-smoke").put("at", "2026-03-15T08:00:02Z")
                        .put("active", true));
        JsonObject view = AlarmView.of(org.anju.bridge.park.buildings.BuildingDirectory.fixed(config.buildings()), "gw-b07", fire, 0);
        assertThat(view.getString("building")).isEqualTo("b07");
        assertThat(view.getString("area")).isEqualTo("shed");
        assertThat(view.getString("pile")).isNull();
        assertThat(view.getLong("raisedAt")).isEqualTo(1773561602000L);
        assertThat(view.getJsonObject("reading").getString("input")).isEqualTo("shed-smoke");
        assertThat(view.getString("state")).isEqualTo("RAISED");
    }

    @Test
    void anAlarmWithNumbersWhereTextBelongsIsShownWithWhatCanBeRead() {
        // signed by its gateway, checked by no schema: a source, detail and cause of other types than the view reads
        JsonObject odd = new JsonObject().put("id", "pile-1/OVERHEAT/1").put("kind", "OVERHEAT").put("severity", 3)
                .put("source", 5).put("detail", List.of("hot")).put("cause", "71 C").put("acknowledgedBy", 17);
        JsonObject view = AlarmView.of(org.anju.bridge.park.buildings.BuildingDirectory.fixed(config.buildings()), "gw-b07", odd, 0);
        assertThat(view.getString("id")).isEqualTo("pile-1/OVERHEAT/1");
        assertThat(view.getString("building")).isEqualTo("b07");
        assertThat(view.getValue("severity")).isNull();
        assertThat(view.getString("source")).isEmpty();
        assertThat(view.getJsonObject("reading")).isEmpty();
        assertThat(view.getString("state")).isEqualTo("ACKNOWLEDGED");
        JsonObject event = new JsonObject().put("kind", "alarm").put("data", new JsonObject().put("gateway", "gw-b07")
                .put("ts", "yesterday").put("payload", new JsonObject().put("alarm", "not an object")));
        assertThat(ParkApi.withAlarmView(org.anju.bridge.park.buildings.BuildingDirectory.fixed(config.buildings()), event))
                .as("an alarm event with no alarm object is shown as it came").isSameAs(event);
    }

    @Test
    void aPortsReadingIsRoundedForPeopleAndWhoAcknowledgedItAndWhenAreKept() {
        JsonObject overload = new JsonObject().put("id", "pile-2/4/OVERLOAD/1").put("kind", "OVERLOAD").put("severity", "MAJOR")
                .put("source", "pile-2/4").put("raisedAt", "2026-03-15T08:00:02Z").put("acknowledgedBy", "officer-17")
                .put("acknowledgedAt", "2026-03-15T08:01:00Z")
                .put("cause", new JsonObject().put("pileId", "pile-2").put("port", 4).put("watts", 966.6000000000001)
                        .put("volts", 229.71).put("temperatureC", 66.60000000000001));
        JsonObject view = AlarmView.of(org.anju.bridge.park.buildings.BuildingDirectory.fixed(config.buildings()), "gw-b07", overload, 0);
        assertThat(view.getString("area")).isEqualTo("shed");
        assertThat(view.getString("pile")).isEqualTo("pile-2");
        assertThat(view.getInteger("port")).isEqualTo(4);
        assertThat(view.getJsonObject("reading")).isEqualTo(new JsonObject().put("powerW", 967L).put("temperatureC", 66.6)
                .put("voltageV", 230L));
        assertThat(view.getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(view.getLong("acknowledgedAt")).isEqualTo(1773561660000L);
        // a pile's smoke alarm bit is smoke, though its own input is not
        assertThat(AlarmView.reading(new JsonObject().put("pileId", "pile-1").put("temperatureC", 31.0).put("smoke", false)
                .put("alarmBits", 1)).getBoolean("smoke")).isTrue();
    }

    @Test
    void theOverviewCountsEachAreaAndBuildingAndPutsTheParkTotalsTogether() {
        List<StateQueries.PileSummary> piles = List.of(new StateQueries.PileSummary("gw-b07", "pile-1", 10, 0, 10, 0, 61.4),
                new StateQueries.PileSummary("gw-b07", "pile-2", 10, 4, 0, 1, 30.0),
                new StateQueries.PileSummary("gw-b08", "pile-1", 12, 2, 0, 0, null));
        List<StateQueries.Alarm> alarms = List.of(
                new StateQueries.Alarm("gw-b07", "a1", "FIRE", "FIRE", "area:shed", "", "RAISED", 1, null, "{}"),
                new StateQueries.Alarm("gw-b07", "a2", "OVERLOAD", "MAJOR", "pile-2/4", "", "RAISED", 1, null, "{}"),
                new StateQueries.Alarm("gw-b08", "a3", "TEMPERATURE_HIGH", "WARNING", "pile-9", "", "RAISED", 1, null, "{}"));
        JsonObject o = ParkOverview.of(org.anju.bridge.park.buildings.BuildingDirectory.fixed(config.buildings()), piles, alarms, Set.of("gw-b07"));
        JsonObject b07 = o.getJsonArray("buildings").getJsonObject(0);
        assertThat(b07.getInteger("ports")).isEqualTo(20);
        assertThat(b07.getInteger("charging")).isEqualTo(4);
        assertThat(b07.getInteger("held")).isEqualTo(10);
        assertThat(b07.getInteger("alarms")).isEqualTo(2);
        assertThat(b07.getString("worstSeverity")).isEqualTo("FIRE");
        assertThat(b07.getDouble("hottestC")).isEqualTo(61.4);
        assertThat(b07.getJsonArray("areas").getJsonObject(0).getInteger("alarms")).isEqualTo(2);
        JsonObject b08 = o.getJsonArray("buildings").getJsonObject(1);
        assertThat(b08.getBoolean("online")).isFalse();
        assertThat(b08.getInteger("alarms")).as("an alarm of a pile no area holds still counts for the building").isEqualTo(1);
        assertThat(b08.getJsonArray("areas").getJsonObject(0).getInteger("alarms")).isZero();
        assertThat(o.getJsonObject("totals")).isEqualTo(new JsonObject().put("ports", 32).put("charging", 6).put("held", 10)
                .put("faulted", 1).put("hottestC", 61.4).put("alarms", 3).put("worstSeverity", "FIRE").put("buildings", 2)
                .put("staleGateways", 1));
    }
}
