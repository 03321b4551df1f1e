package org.anju.profiles.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.Problems;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.LockBoardProfile;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.ReaderBinding;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.Location;

/** Rules of the doors: their pins, their lock-board channels and their wireless endpoints. */
final class DoorRules {

    private DoorRules() {
    }

    static void check(SiteDraft site, Broken broken, PinClaims pins, Origins origins, Problems problems) {
        DeviceRefs devices = new DeviceRefs(site, broken, problems);
        Map<String, Door> channels = new HashMap<>();
        Map<String, Door> endpoints = new HashMap<>();
        boolean coapReported = false;
        boolean pskReported = false;
        for (Door door : site.doors()) {
            LockBinding lock = door.lock();
            if (lock instanceof LockBinding.Gpio g) {
                pins.claim(g.relay().pin(), "the relay of door " + door.id(), origins.at(g, "relay"));
                g.doorSensor().ifPresent(s -> pins.claim(s.pin(), "the doorSensor of door " + door.id(), origins.at(g, "doorSensor")));
                g.exitButton().ifPresent(b -> pins.claim(b.pin(), "the exitButton of door " + door.id(), origins.at(g, "exitButton")));
            } else if (lock instanceof LockBinding.Board b) {
                checkChannel(door, b, devices, channels, origins, problems);
            } else if (lock instanceof LockBinding.Wireless w) {
                Location at = origins.at(w, "endpoint");
                Door first = endpoints.putIfAbsent(w.endpoint(), door);
                if (first != null) {
                    problems.add(at, "endpoint '" + w.endpoint() + "' is already used by door " + first.id() + " ("
                            + Where.relative(origins.at(first.lock(), "endpoint"), at) + ")", "give each wireless lock its own endpoint name");
                }
                if (!coapReported && site.endpoints().isPresent() && site.endpoints().get().coap().isEmpty()) {
                    coapReported = true;
                    problems.add(at, "door " + door.id() + " has a wireless lock, but the site has no CoAP endpoint",
                            "add endpoints: coap: {port: 5684, pskFile: lock-keys.psk}");
                }
                if (!pskReported && site.endpoints().isPresent() && site.endpoints().get().coap().isPresent()
                        && site.endpoints().get().coapPskFile().isEmpty()) {
                    pskReported = true;
                    problems.add(at, "door " + door.id() + " has a wireless lock, but endpoints.coap names no pskFile",
                            "add pskFile: the locks' keys, one 'endpoint: hex-key' a line, readable by the gateway only");
                }
            }
            door.reader().ifPresent(r -> claimReader(door, r, pins, origins));
        }
    }

    private static void checkChannel(Door door, LockBinding.Board b, DeviceRefs devices, Map<String, Door> channels,
                                     Origins origins, Problems problems) {
        Optional<Device> board = devices.find(b.device(), ProfileKind.LOCK_BOARD, origins.at(b, "device"));
        if (board.isEmpty()) {
            return;
        }
        Location at = origins.at(b, "channel");
        int count = ((LockBoardProfile) board.get().profile()).channels();
        if (b.channel() > count) {
            problems.add(at, "lock board " + b.device() + " has no channel " + b.channel() + " (it has " + count + ")",
                    "use a channel from 1 to " + count);
            return;
        }
        Door first = channels.putIfAbsent(b.device() + "#" + b.channel(), door);
        if (first != null) {
            problems.add(at, "channel " + b.channel() + " of lock board " + b.device() + " already holds door " + first.id() + " ("
                    + Where.relative(origins.at(first.lock(), "channel"), at) + ")", "give each door its own channel");
        }
    }

    private static void claimReader(Door door, ReaderBinding r, PinClaims pins, Origins origins) {
        pins.claim(r.d0Pin(), "DATA0 of the reader of door " + door.id(), origins.at(r, "d0"));
        pins.claim(r.d1Pin(), "DATA1 of the reader of door " + door.id(), origins.at(r, "d1"));
    }
}
