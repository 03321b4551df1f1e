package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anju.profiles.Problems;
import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.Floor;
import org.anju.profiles.model.Lift;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/**
 * Rules of the floors and the lifts: each floor and room declared once, each room door on the
 * floor that lists its room (a lift takes its tenants there), each lift floor a declared floor on
 * a relay channel of its own, and the lift's reader on pins of its own.
 */
final class LiftRules {

    private LiftRules() {
    }

    static void check(SiteDraft site, Broken broken, PinClaims pins, RelayChannels relayChannels, Origins origins,
                      Problems problems) {
        Map<String, Floor> floorOfRoom = floors(site.floors(), origins, problems);
        if (!site.floors().isEmpty()) {
            site.doors().forEach(d -> checkRoomDoor(d, floorOfRoom, origins, problems));
        }
        List<String> floorNames = site.floors().stream().map(Floor::name).toList();
        List<String> alarmIds = site.alarmInputs().stream().map(AlarmInput::id).toList();
        for (Lift lift : site.lifts()) {
            lift.reader().ifPresent(r -> {
                pins.claim(r.d0Pin(), "DATA0 of the reader of lift " + lift.id(), origins.at(r, "d0"));
                pins.claim(r.d1Pin(), "DATA1 of the reader of lift " + lift.id(), origins.at(r, "d1"));
            });
            if (site.floors().isEmpty() && broken.floors().isEmpty()) {
                problems.add(origins.at(lift, "floors"), "lift " + lift.id() + " serves floors, but the site declares none",
                        "add floors: with each floor and its rooms, e.g. - {floor: \"3\", rooms: [301, 302]}, so the lift knows where renters live");
            }
            Map<String, Location> served = new HashMap<>();
            for (Lift.Stop stop : lift.floors()) {
                Location floorAt = origins.at(stop, "floor");
                if (!site.floors().isEmpty()) {
                    DeviceRefs.requireKnown(stop.floor(), "floor", floorNames, broken.floors(), floorAt, problems);
                }
                Location first = served.putIfAbsent(stop.floor(), floorAt);
                if (first != null) {
                    problems.add(floorAt, "floor " + stop.floor() + " is already served by lift " + lift.id() + " ("
                            + Where.relative(first, floorAt) + ")", "give each floor of the lift one relay channel");
                }
                Location relayAt = origins.has(stop, "relay") ? origins.at(stop, "relay") : origins.at(lift, "relay");
                relayChannels.claim(stop.relay(), stop.channel(), relayAt, origins.at(stop, "channel"));
            }
            for (int i = 0; i < lift.alarmInputs().size(); i++) {
                DeviceRefs.requireKnown(lift.alarmInputs().get(i), "alarm input", alarmIds, broken.alarmInputs(),
                        origins.itemAt(lift, "alarmInputs", i), problems);
            }
        }
    }

    /** Every floor and every room once; the floor of each room. */
    private static Map<String, Floor> floors(List<Floor> floors, Origins origins, Problems problems) {
        Map<String, Location> names = new HashMap<>();
        Map<String, Floor> floorOfRoom = new HashMap<>();
        Map<String, Location> roomAt = new HashMap<>();
        for (Floor floor : floors) {
            Location at = origins.at(floor, "floor");
            Location first = names.putIfAbsent(floor.name(), at);
            if (first != null) {
                problems.add(at, "floor '" + floor.name() + "' is already declared (" + Where.relative(first, at) + ")",
                        "declare each floor once, with all its rooms");
            }
            for (String room : floor.rooms()) {
                Location here = origins.at(floor, "rooms");
                Floor other = floorOfRoom.putIfAbsent(room, floor);
                if (other != null && other != floor) {
                    problems.add(here, "room " + room + " is already on floor " + other.name() + " ("
                            + Where.relative(roomAt.get(room), here) + ")", "a room is on one floor: list it there only");
                } else {
                    roomAt.putIfAbsent(room, here);
                }
            }
        }
        return floorOfRoom;
    }

    private static void checkRoomDoor(Door door, Map<String, Floor> floorOfRoom, Origins origins, Problems problems) {
        if (door.place().kind() != Door.Place.Kind.ROOM) {
            return;
        }
        String room = door.place().name();
        Floor floor = floorOfRoom.get(room);
        Location at = origins.at(door, "room");
        if (floor == null) {
            problems.add(at, "room " + room + " of door " + door.id() + " is on no floor of floors[]",
                    "add " + room + " to the rooms of floor " + door.floor() + ", so a lift can take its tenants home");
        } else if (!floor.name().equals(door.floor())) {
            problems.add(origins.at(door, "floor"), "door " + door.id() + " is on floor " + door.floor() + ", but floors[] lists room "
                    + room + " on floor " + floor.name() + " (" + Where.relative(origins.at(floor, "floor"), at) + ")",
                    "write the same floor in both");
        }
    }
}
