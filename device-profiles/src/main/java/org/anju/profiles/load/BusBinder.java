package org.anju.profiles.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.Bus;
import org.anju.profiles.model.BusPort;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Profile;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.Broken;

/** Binds {@code buses[]} and the devices on them. */
final class BusBinder {
    private final ProfileRefs refs;
    private final Broken broken;
    private final Map<String, List<Device>> devicesByBus = new LinkedHashMap<>();

    BusBinder(ProfileRefs refs, Broken broken) {
        this.refs = refs;
        this.broken = broken;
    }

    /** Every device that could be read, by bus, including those on a bus that is itself broken. */
    Map<String, List<Device>> devicesByBus() {
        return devicesByBus;
    }

    Optional<Bus> bus(SectionReader r) {
        List<Device> devices = r.items("devices", SiteSections.DEVICE, this::device);
        devicesByBus.put(r.textAsWritten("id").orElse("#" + (devicesByBus.size() + 1)), devices);
        Optional<BusPort> port = r.text("port") == null ? Optional.empty() : port(r);
        if (r.failed() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new Bus(r.text("id"), port.get(), r.integer("baud"), r.choice("parity", Bus.Parity.class),
                r.integer("stopBits"), r.duration("responseTimeout"), r.duration("pollInterval"), r.integer("retries"), devices)));
    }

    private Optional<Device> device(SectionReader d) {
        Optional<Profile> profile = refs.resolve(d, "profile", ProfileKind.CHARGING_PILE, ProfileKind.ENERGY_METER,
                ProfileKind.RELAY_BOARD, ProfileKind.LOCK_BOARD, ProfileKind.TURNSTILE);
        if (d.failed() || profile.isEmpty()) {
            d.textAsWritten("id").ifPresent(broken.devices()::add);
            return Optional.empty();
        }
        return Optional.of(d.remember(new Device(d.text("id"), profile.get(), d.integer("address"))));
    }

    /** A serial device path, or {@code tcp://HOST:PORT} for a serial server. */
    private static Optional<BusPort> port(SectionReader r) {
        String text = r.text("port");
        if (text.startsWith("tcp://")) {
            try {
                URI uri = new URI(text);
                if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                        || !(uri.getPath() == null || uri.getPath().isEmpty()) || uri.getQuery() != null) {
                    throw new URISyntaxException(text, "not HOST:PORT");
                }
                return Optional.of(new BusPort.SerialServer(uri.getHost(), uri.getPort()));
            } catch (URISyntaxException e) {
                r.reject("port", "port '" + text + "' is not a serial server address", "write tcp://HOST:PORT, e.g. tcp://192.168.1.50:4001");
                return Optional.empty();
            }
        }
        if (text.startsWith("/") && !text.endsWith("/")) {
            return Optional.of(new BusPort.SerialDevice(Path.of(text)));
        }
        r.reject("port", "port '" + text + "' is neither a serial device nor a serial server",
                "write a device path such as /dev/ttyUSB0, or tcp://HOST:PORT for a serial server");
        return Optional.empty();
    }
}
