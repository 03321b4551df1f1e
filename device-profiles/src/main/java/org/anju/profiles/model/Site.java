package org.anju.profiles.model;

import java.util.List;
import java.util.Optional;

/**
 * What is wired where in one building: the gateway, its link to the park, its serial buses and
 * the devices on them, its doors, alarm inputs, charging areas, local endpoints, its floors with
 * their rooms, its lifts and its entrance gates. Profiles
 * are resolved: a device carries its profile, a GPIO door its effective pins. {@code configVersion}
 * names the file it was read from: {@code sha256:} and the hex SHA-256 of its text (what the
 * gateway reports to the park as the configuration it runs); null for a site not read from a file.
 */
public record Site(GatewaySettings gateway, ParkLink park, List<Bus> buses, List<Door> doors, List<AlarmInput> alarmInputs,
                   List<ChargingArea> chargingAreas, Endpoints endpoints, List<Floor> floors, List<Lift> lifts,
                   List<Gate> gates, OccupancySettings occupancy, String configVersion) {

    public Site {
        buses = List.copyOf(buses);
        doors = List.copyOf(doors);
        alarmInputs = List.copyOf(alarmInputs);
        chargingAreas = List.copyOf(chargingAreas);
        floors = List.copyOf(floors);
        lifts = List.copyOf(lifts);
        gates = List.copyOf(gates);
    }

    /** A site not read from a file: no configuration version. */
    public Site(GatewaySettings gateway, ParkLink park, List<Bus> buses, List<Door> doors, List<AlarmInput> alarmInputs,
                List<ChargingArea> chargingAreas, Endpoints endpoints, List<Floor> floors, List<Lift> lifts,
                List<Gate> gates, OccupancySettings occupancy) {
        this(gateway, park, buses, doors, alarmInputs, chargingAreas, endpoints, floors, lifts, gates, occupancy, null);
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of {@code text} as UTF-8: a site file's configuration version. */
    public static String configVersionOf(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** A site without floors, lifts or gates. */
    public Site(GatewaySettings gateway, ParkLink park, List<Bus> buses, List<Door> doors, List<AlarmInput> alarmInputs,
                List<ChargingArea> chargingAreas, Endpoints endpoints) {
        this(gateway, park, buses, doors, alarmInputs, chargingAreas, endpoints, List.of(), List.of(), List.of(),
                OccupancySettings.DEFAULT);
    }

    /** The floor that lists {@code room}, if any. */
    public Optional<String> floorOfRoom(String room) {
        return floors.stream().filter(f -> f.rooms().contains(room)).map(Floor::name).findFirst();
    }

    public Optional<Device> device(String id) {
        return buses.stream().flatMap(b -> b.devices().stream()).filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Bus> busOf(String deviceId) {
        return buses.stream().filter(b -> b.devices().stream().anyMatch(d -> d.id().equals(deviceId))).findFirst();
    }

    public Optional<Door> door(String id) {
        return doors.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Charging ports in all areas: every port of every pile, plus every metered port. */
    public int portCount() {
        int ports = 0;
        for (ChargingArea area : chargingAreas) {
            for (String pile : area.piles()) {
                ports += device(pile).map(d -> ((ChargingPileProfile) d.profile()).ports()).orElse(0);
            }
            ports += area.meteredPorts().size();
        }
        return ports;
    }
}
