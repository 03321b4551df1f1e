package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.anju.profiles.model.Bus;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.Site;
import org.junit.jupiter.api.Test;

/** The example site files ship valid, and describe the buildings their comments promise. */
class ExampleSitesTest {

    static Site load(String resource) {
        LoadResult result = SiteLoader.load(Source.resource(resource));
        if (result instanceof LoadResult.Invalid invalid) {
            throw new AssertionError(resource + " is invalid:\n" + invalid.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        return ((LoadResult.Loaded) result).site();
    }

    private static List<Device> devicesOfKind(Bus bus, ProfileKind kind) {
        return bus.devices().stream().filter(d -> d.profile().kind() == kind).toList();
    }

    private static Map<String, Long> lockKinds(Site site, Door.Place.Kind place) {
        return site.doors().stream().filter(d -> d.place().kind() == place)
                .collect(Collectors.groupingBy(d -> d.lock().getClass().getSimpleName(), Collectors.counting()));
    }

    @Test
    void everyShippedExampleSiteIsValid() {
        assertThat(ShippedFiles.list("sites")).containsExactly("sites/apartment-tower.yaml", "sites/dormitory-block.yaml",
                "sites/meter-shed.yaml", "sites/small-walkup.yaml");
        ShippedFiles.list("sites").forEach(ExampleSitesTest::load);
    }

    @Test
    void theSmallWalkUpHasOneGpioEntranceASixteenChannelLockBoardAndTwoTenPortPilesOnOneBus() {
        Site site = load("sites/small-walkup.yaml");

        assertThat(lockKinds(site, Door.Place.Kind.ENTRANCE)).isEqualTo(Map.of("Gpio", 1L));
        List<Device> boards = site.buses().stream().flatMap(b -> devicesOfKind(b, ProfileKind.LOCK_BOARD).stream()).toList();
        assertThat(boards).singleElement().satisfies(b -> assertThat(b.profile().id()).isEqualTo("lockboard-8a-16"));
        List<Bus> pileBuses = site.buses().stream().filter(b -> !devicesOfKind(b, ProfileKind.CHARGING_PILE).isEmpty()).toList();
        assertThat(pileBuses).singleElement().satisfies(b -> assertThat(devicesOfKind(b, ProfileKind.CHARGING_PILE))
                .extracting(d -> ((ChargingPileProfile) d.profile()).ports()).containsExactly(10, 10));
        assertThat(site.portCount()).isEqualTo(20);
    }

    @Test
    void theDormitoryBlockHasFourEntrancesThreeLockBoardsAnd17PilesOnThreeBusesWith220Ports() {
        Site site = load("sites/dormitory-block.yaml");

        assertThat(lockKinds(site, Door.Place.Kind.ENTRANCE)).isEqualTo(Map.of("Gpio", 4L));
        assertThat(site.buses().stream().mapToLong(b -> devicesOfKind(b, ProfileKind.LOCK_BOARD).size()).sum()).isEqualTo(3);
        List<Bus> pileBuses = site.buses().stream().filter(b -> !devicesOfKind(b, ProfileKind.CHARGING_PILE).isEmpty()).toList();
        assertThat(pileBuses).hasSize(3);
        assertThat(pileBuses.stream().mapToLong(b -> devicesOfKind(b, ProfileKind.CHARGING_PILE).size()).sum()).isEqualTo(17);
        assertThat(site.portCount()).isEqualTo(220);
        assertThat(site.chargingAreas().stream().flatMap(a -> a.piles().stream()).distinct().count()).isEqualTo(17);
    }

    @Test
    void theDormitoryBlocksRoomDoorsUseEveryLockBoardAndTheTopFloorIsWireless() {
        Site site = load("sites/dormitory-block.yaml");

        assertThat(lockKinds(site, Door.Place.Kind.ROOM)).isEqualTo(Map.of("Board", 50L, "Wireless", 6L));
        Map<String, Long> perBoard = site.doors().stream().map(Door::lock).filter(LockBinding.Board.class::isInstance)
                .map(l -> ((LockBinding.Board) l).device()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perBoard).containsOnlyKeys("board-1", "board-2", "board-3");
        assertThat(site.endpoints().coap()).isPresent();
        assertThat(site.endpoints().coapPskFile()).contains(java.nio.file.Path.of("/etc/anju/lock-keys.psk"));
    }

    @Test
    void theApartmentTowersLiftTakesEachRoomToItsFloorAndItsLobbyGateCountsPassages() {
        Site site = load("sites/apartment-tower.yaml");

        assertThat(site.gateway().timeZone()).isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(site.floors()).hasSize(14);
        assertThat(site.floors().stream().mapToInt(f -> f.rooms().size()).sum()).isEqualTo(88);
        assertThat(site.floorOfRoom("1005")).contains("10");
        assertThat(site.floorOfRoom("209")).isEmpty();
        assertThat(site.lifts()).singleElement().satisfies(lift -> {
            assertThat(lift.floors()).hasSize(14);
            assertThat(lift.floors().stream().filter(f -> f.open().always()).map(org.anju.profiles.model.Lift.Stop::floor))
                    .containsExactly("B1", "1");
            assertThat(lift.floors().get(13).open().openAt(java.time.LocalTime.of(20, 59))).isTrue();
            assertThat(lift.floors().get(13).open().openAt(java.time.LocalTime.of(21, 0))).isFalse();
        });
        assertThat(site.gates()).singleElement().satisfies(g -> {
            assertThat(g.antiPassback()).isEqualTo(org.anju.profiles.model.Gate.AntiPassback.HARD);
            assertThat(site.device(g.device()).orElseThrow().profile().id()).isEqualTo("anju-ref-turnstile");
        });
    }

    @Test
    void theMeterShedMetersEachPortWithItsOwnMeterAndRelayChannel() {
        Site site = load("sites/meter-shed.yaml");

        assertThat(site.portCount()).isEqualTo(12);
        assertThat(site.chargingAreas()).singleElement().satisfies(a -> assertThat(a.meteredPorts())
                .extracting(p -> site.device(p.meter()).orElseThrow().profile().id())
                .containsOnly("chint-ddsu666", "hiking-dds238-2"));
    }
}
