package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.Problems;
import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.SafetyOverride;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/**
 * Rules of the charging areas and alarm inputs: every pile and metered port belongs to exactly
 * one area, every reference names something that exists, and an area's stricter limits are not
 * looser than any of its piles' firmware.
 */
final class AreaRules {

    private AreaRules() {
    }

    static void check(SiteDraft site, Broken broken, PinClaims pins, RelayChannels relayChannels, Origins origins,
                      Problems problems) {
        for (AlarmInput a : site.alarmInputs()) {
            pins.claim(a.input().pin(), "alarm input " + a.id(), origins.at(a.input(), "pin"));
        }
        DeviceRefs devices = new DeviceRefs(site, broken, problems);
        List<String> alarmIds = site.alarmInputs().stream().map(AlarmInput::id).toList();
        List<String> doorIds = site.doors().stream().map(Door::id).toList();
        Map<String, Location> piles = new HashMap<>();
        Map<String, String> areaOfPile = new HashMap<>();
        Map<String, Location> meters = new HashMap<>();
        Map<String, Map.Entry<String, Location>> areaOfBoard = new HashMap<>();
        for (ChargingArea area : site.chargingAreas()) {
            Map<String, ChargingPileProfile> profiles = new LinkedHashMap<>();
            for (int i = 0; i < area.piles().size(); i++) {
                String id = area.piles().get(i);
                Location at = origins.itemAt(area, "piles", i);
                Optional<Device> pile = devices.find(id, ProfileKind.CHARGING_PILE, at);
                pile.ifPresent(p -> profiles.putIfAbsent(p.profile().id(), (ChargingPileProfile) p.profile()));
                Location first = pile.isPresent() ? piles.putIfAbsent(id, at) : null;
                if (first != null) {
                    problems.add(at, id + " is already in charging area " + areaOfPile.get(id) + " (" + Where.relative(first, at) + ")",
                            "a pile belongs to one charging area");
                } else {
                    areaOfPile.putIfAbsent(id, area.id());
                }
            }
            for (ChargingArea.MeteredPort port : area.meteredPorts()) {
                checkMeteredPort(port, devices, meters, relayChannels, origins, problems);
                checkOneArea(port, area.id(), areaOfBoard, origins, problems);
            }
            Map<String, Location> fedPiles = new HashMap<>();
            List<String> boards = area.meteredPorts().stream().map(ChargingArea.MeteredPort::relay).distinct().toList();
            for (ChargingArea.Feeder feeder : area.feeders()) {
                Location pileAt = origins.at(feeder, "pile");
                if (!area.piles().contains(feeder.pile()) && !boards.contains(feeder.pile())) {
                    List<String> fed = new java.util.ArrayList<>(area.piles());
                    fed.addAll(boards);
                    problems.add(pileAt, "pile " + feeder.pile() + " is not in charging area " + area.id(),
                            "list it under piles, or give the feeder of one of: " + String.join(", ", fed));
                } else {
                    Location first = fedPiles.putIfAbsent(feeder.pile(), pileAt);
                    if (first != null) {
                        problems.add(pileAt, "pile " + feeder.pile() + " already has a feeder (" + Where.relative(first, pileAt) + ")",
                                "a pile is fed by one relay channel");
                    }
                }
                relayChannels.claim(feeder.relay(), feeder.channel(), origins.at(feeder, "relay"), origins.at(feeder, "channel"));
            }
            for (int i = 0; i < area.alarmInputs().size(); i++) {
                DeviceRefs.requireKnown(area.alarmInputs().get(i), "alarm input", alarmIds, broken.alarmInputs(),
                        origins.itemAt(area, "alarmInputs", i), problems);
            }
            List<String> release = area.onFireAlarm().release();
            for (int i = 0; i < release.size(); i++) {
                DeviceRefs.requireKnown(release.get(i), "door", doorIds, broken.doors(), origins.itemAt(area.onFireAlarm(), "release", i), problems);
            }
            if (area.piles().isEmpty() && area.meteredPorts().isEmpty()) {
                problems.add(origins.at(area, "id"), "charging area " + area.id() + " has no piles and no meteredPorts",
                        "add the piles or metered ports that charge here");
            }
            if (area.safetyLimits() != SafetyOverride.NONE) {
                profiles.values().forEach(p -> PileLimitRules.checkOverride(p.firmwareLimits(), p.safetyLimits(), area.safetyLimits(),
                        p.id(), origins, problems));
            }
        }
    }

    private static void checkMeteredPort(ChargingArea.MeteredPort port, DeviceRefs devices, Map<String, Location> meters,
                                         RelayChannels relayChannels, Origins origins, Problems problems) {
        Location meterAt = origins.at(port, "meter");
        if (devices.find(port.meter(), ProfileKind.ENERGY_METER, meterAt).isPresent()) {
            Location first = meters.putIfAbsent(port.meter(), meterAt);
            if (first != null) {
                problems.add(meterAt, "meter " + port.meter() + " already meters another port (" + Where.relative(first, meterAt) + ")",
                        "give each metered port its own meter");
            }
        }
        relayChannels.claim(port.relay(), port.channel(), origins.at(port, "relay"), origins.at(port, "channel"));
    }

    /**
     * A relay board's sockets stand in one charging area: the gateway supervises them as one pile
     * (the board's cabinet), which a fire in its area cuts whole.
     */
    private static void checkOneArea(ChargingArea.MeteredPort port, String area, Map<String, Map.Entry<String, Location>> areaOfBoard,
                                     Origins origins, Problems problems) {
        Location at = origins.at(port, "relay");
        Map.Entry<String, Location> first = areaOfBoard.putIfAbsent(port.relay(), Map.entry(area, at));
        if (first != null && !first.getKey().equals(area)) {
            problems.add(at, "relay board " + port.relay() + " already switches metered ports of charging area " + first.getKey()
                    + " (" + Where.relative(first.getValue(), at) + ")",
                    "a relay board's sockets stand in one charging area: give this area's sockets a board of their own");
        }
    }
}
