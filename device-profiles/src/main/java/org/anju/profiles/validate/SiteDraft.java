package org.anju.profiles.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.Endpoints;
import org.anju.profiles.model.Floor;
import org.anju.profiles.model.Gate;
import org.anju.profiles.model.Lift;

/**
 * The parts of a site file that could be read, before they become a {@link org.anju.profiles.model.Site}.
 * The site rules run on these even when another part is broken, so one run reports every problem.
 *
 * @param devicesByBus every device that could be read, by the id of its bus, even when the bus
 *                     itself is broken (a wrong baud rate must not hide two devices at one address)
 */
public record SiteDraft(List<Bus> buses, Map<String, List<Device>> devicesByBus, List<Door> doors, List<AlarmInput> alarmInputs,
                        List<ChargingArea> chargingAreas, Optional<Endpoints> endpoints, List<Floor> floors, List<Lift> lifts,
                        List<Gate> gates) {

    public List<Device> devices() {
        return devicesByBus.values().stream().flatMap(List::stream).toList();
    }

    public Optional<Device> device(String id) {
        return devices().stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
