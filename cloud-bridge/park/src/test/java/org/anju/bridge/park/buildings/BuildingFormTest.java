package org.anju.bridge.park.buildings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.i18n.Catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A building as the admin sends it, checked by park.yaml's rules and the store's: pure, no park. */
class BuildingFormTest {
    private static final String KEY = Ed25519Keys.toPem(Ed25519Keys.generate().getPublic());

    @Test
    void aWholeBuildingReadsIntoItsRecordWithTheDefaultsPeopleExpect() {
        JsonObject body = new JsonObject().put("id", "b08").put("gateway", "gw-b08").put("gatewayKey", KEY).put("version", 3)
                .put("doors", new JsonArray().add(new JsonObject().put("id", "entrance"))
                        .add(new JsonObject().put("id", "room-101").put("room", "101")).add(new JsonObject().put("id", "g").put("kind", "gate")))
                .put("areas", new JsonArray().add(new JsonObject().put("id", "yard").put("piles", new JsonArray().add("pile-1"))))
                .put("lifts", new JsonArray().add("lift-a"));
        ParkConfig.Building kept = new ParkConfig.Building("b08", "b08", "gw-b08", List.of(), List.of(), Optional.of(Path.of("/k.pem")));
        var checked = BuildingForm.check(body, Optional.of(kept));
        assertThat(checked).isInstanceOf(BuildingForm.Checked.Valid.class);
        var valid = (BuildingForm.Checked.Valid) checked;
        assertThat(valid.version()).isEqualTo(3);
        assertThat(valid.building()).isEqualTo(new ParkConfig.Building("b08", "b08", "gw-b08",
                List.of(new ParkConfig.Door("entrance", Optional.empty(), "entrance"), new ParkConfig.Door("room-101", Optional.of("101"), "room"),
                        new ParkConfig.Door("g", Optional.empty(), "gate")),
                List.of(new ParkConfig.Area("yard", List.of("pile-1"))), Optional.of(Path.of("/k.pem")), List.of("lift-a"),
                Optional.empty(), Optional.of(KEY)));
    }

    @Test
    void wrongTypesAndShapesAreProblemsByFieldNeverExceptions() {
        JsonObject body = new JsonObject().put("id", 7).put("name", "a\nb").put("gateway", new JsonArray()).put("village", "")
                .put("gatewayKey", 12).put("version", 1.5).put("doors", "entrance").put("areas", new JsonArray().add("yard")
                        .add(new JsonObject().put("id", "y").put("piles", "pile-1"))).put("lifts", new JsonArray().add("a").add("a"));
        var checked = BuildingForm.check(body, Optional.empty());
        assertThat(((BuildingForm.Checked.Invalid) checked).problems()).extracting(BuildingForm.Problem::field)
                .containsExactly("id", "name", "gateway", "gatewayKey", "version", "doors", "areas[0]", "areas[1].piles", "lifts[1]");
    }

    @Test
    void parkYamlsBuildingsAreHeldToTheSameRulesAndTheLinesNameTheirKeys() {
        ParkConfig.Building twice = new ParkConfig.Building("b1", "b1", "gw-1",
                List.of(new ParkConfig.Door("entrance", Optional.empty()), new ParkConfig.Door("entrance", Optional.empty())),
                List.of(new ParkConfig.Area("a", List.of("pile-1")), new ParkConfig.Area("b", List.of("pile-1"))), Optional.empty());
        ParkConfig.Building fine = new ParkConfig.Building("b2", "b2", "gw-2", List.of(), List.of(), Optional.of(Path.of("/gw-2.pem")));
        assertThat(BuildingForm.problemsOf(List.of(fine, twice))).containsExactly(
                "buildings[1].doors[1].id: Door 2's id: entrance is listed twice in this building",
                "buildings[1].areas[1].piles[0]: Charging area 2, pile 1: pile pile-1 is in charging area a already; a pile belongs to one area");
        assertThat(BuildingForm.problemsOf(List.of(fine))).isEmpty();
    }

    @Test
    void everyCodeTheFormAndTheRoutesGiveIsInTheCatalog() throws Exception {
        Set<String> used = new TreeSet<>();
        Pattern code = Pattern.compile("\"(buildings\\.(?:err|field|problem|notSaved)[A-Za-z.]*)\"");
        for (String source : List.of("buildings/BuildingForm.java", "api/BuildingRoutes.java")) {
            Matcher m = code.matcher(Files.readString(Path.of("src/main/java/org/anju/bridge/park", source)));
            while (m.find()) {
                if (!m.group(1).endsWith(".")) {
                    used.add(m.group(1));
                }
            }
        }
        for (String field : List.of("id", "name", "gateway", "village", "gatewayKey", "version", "doors", "areas", "lifts",
                "doors[0]", "doors[0].id", "doors[0].room", "doors[0].kind", "areas[0]", "areas[0].id", "areas[0].piles",
                "areas[0].piles[0]", "lifts[0]")) {
            used.add(BuildingForm.label(field).code());
        }
        assertThat(used).hasSizeGreaterThan(30);
        assertThat(used).allSatisfy(c -> assertThat(Catalog.park().has(c)).as(c).isTrue());
    }
}
