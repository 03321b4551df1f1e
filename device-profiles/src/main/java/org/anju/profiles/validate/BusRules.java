package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.profiles.Problems;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.BusPort;
import org.anju.profiles.model.Device;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/**
 * Rules of the serial buses: each port used by one bus, each address by one device, one protocol
 * per line (a lock board would take Modbus frames for garbage, or worse, for commands), and the
 * Raspberry Pi's UART pins kept for the bus that uses them.
 */
final class BusRules {
    /** The Pi's own UART devices, on GPIO 14 (TXD) and 15 (RXD). */
    private static final Set<String> PI_UARTS = Set.of("/dev/serial0", "/dev/ttyAMA0", "/dev/ttyS0");

    private BusRules() {
    }

    static void check(SiteDraft site, PinClaims pins, Origins origins, Problems problems) {
        Map<String, Bus> ports = new HashMap<>();
        for (Bus bus : site.buses()) {
            Location portAt = origins.at(bus, "port");
            Bus first = ports.putIfAbsent(bus.port().toString(), bus);
            if (first != null) {
                problems.add(portAt, "port " + bus.port() + " is already used by bus " + first.id() + " ("
                        + Where.relative(origins.at(first, "port"), portAt) + ")", "each bus needs its own serial port");
            }
            if (bus.port() instanceof BusPort.SerialDevice serial && PI_UARTS.contains(serial.device().toString())) {
                pins.reserve(14, "the UART TXD of bus " + bus.id(), portAt);
                pins.reserve(15, "the UART RXD of bus " + bus.id(), portAt);
            }
        }
        site.devicesByBus().forEach((bus, devices) -> checkDevices(bus, devices, origins, problems));
    }

    private static void checkDevices(String bus, List<Device> devices, Origins origins, Problems problems) {
        Map<Integer, Device> addresses = new HashMap<>();
        Device speaker = null;
        for (Device d : devices) {
            Location addressAt = origins.at(d, "address");
            Device first = addresses.putIfAbsent(d.address(), d);
            if (first != null) {
                problems.add(addressAt, "address " + d.address() + " on bus " + bus + " is already used by " + first.id()
                                + " (" + Where.relative(origins.at(first, "address"), addressAt) + ")",
                        "give each device on a bus its own address, and set the same on the device");
            }
            if (speaker == null) {
                speaker = d;
            } else if (!speaker.profile().protocol().equals(d.profile().protocol())) {
                Location at = origins.at(d, "profile");
                problems.add(at, d.id() + " speaks " + d.profile().protocol() + ", but bus " + bus + " already speaks "
                                + speaker.profile().protocol() + " (" + speaker.id() + ", " + Where.relative(origins.at(speaker, "profile"), at) + ")",
                        "put devices of different protocols on separate buses");
            }
        }
    }
}
