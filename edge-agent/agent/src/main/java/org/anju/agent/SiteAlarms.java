package org.anju.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anju.agent.door.DoorRuntime;
import org.anju.agent.event.EventLog;
import org.anju.agent.gpio.DigitalIn;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.InputPin;
import org.anju.agent.gpio.PinClaim;
import org.anju.bridge.contract.Priority;
import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.Level;
import org.anju.profiles.model.Site;

/**
 * Smoke detectors and fire-panel inputs on GPIO. An input going active is a fire alarm event at
 * the highest priority, every egress door its charging areas name is released until the alarm
 * clears and someone acknowledges it (the door runtime holds that rule), and the lifts, gates and
 * occupancy hear of it (lifts release every floor, gates turn free, the roll goes to the officer). The input pins
 * are released with the GPIO board.
 */
final class SiteAlarms {
    /** What the outbox records when an alarm input changes. */
    record FireAlarm(String input, String kind, boolean active, List<String> areas) {
    }

    private final List<String> problems = new ArrayList<>();

    /** Where an input's changes go besides the doors: the charging rules cut the areas it covers. */
    interface AreaFire {
        void changed(String area, String input, boolean active);
    }

    /** Where every input's changes go besides: the lifts, gates and occupancy of the building. */
    interface BuildingFire {
        void changed(String input, boolean active);
    }

    static SiteAlarms start(Site site, GpioBoard gpio, Map<String, DoorRuntime> doors, EventLog events, AreaFire areaFire,
                            BuildingFire buildingFire) {
        SiteAlarms alarms = new SiteAlarms();
        for (AlarmInput input : site.alarmInputs()) {
            List<ChargingArea> areas = site.chargingAreas().stream().filter(a -> a.alarmInputs().contains(input.id())).toList();
            List<DoorRuntime> release = areas.stream().filter(a -> a.onFireAlarm() != null)
                    .flatMap(a -> a.onFireAlarm().release().stream()).distinct()
                    .map(doors::get).filter(java.util.Objects::nonNull).toList();
            List<String> areaIds = areas.stream().map(ChargingArea::id).toList();
            PinClaim<DigitalIn> claim = gpio.input(new InputPin(input.id(), input.input().pin(),
                    input.input().activeLevel() == Level.HIGH, input.input().debounce()), active -> {
                        events.record(Priority.ALARM, "fire.alarm",
                                new FireAlarm(input.id(), input.kind().name(), active, areaIds));
                        release.forEach(d -> d.fireAlarm(active));
                        areaIds.forEach(a -> areaFire.changed(a, input.id(), active));
                        buildingFire.changed(input.id(), active);
                    });
            if (claim instanceof PinClaim.Refused<DigitalIn> refused) {
                alarms.problems.add(input.id() + ": " + refused.reason());
            } else if (claim.orElseThrow().isActive()) {
                events.record(Priority.ALARM, "fire.alarm", new FireAlarm(input.id(), input.kind().name(), true, areaIds));
                release.forEach(d -> d.fireAlarm(true));
                areaIds.forEach(a -> areaFire.changed(a, input.id(), true));
                buildingFire.changed(input.id(), true);
            }
        }
        return alarms;
    }

    List<String> problems() {
        return problems;
    }
}
