package org.anju.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.PortReadings;
import org.anju.agent.charging.ValueReadable;
import org.anju.agent.charging.ValueUnreadable;
import org.anju.profiles.reading.Decoded;
import org.anju.profiles.reading.PileValues;
import org.anju.profiles.reading.PortDecoding;
import org.anju.profiles.reading.RegisterDecoding;
import org.anju.protocol.modbus.RegisterWords;

/**
 * What the buses read of charging devices, as the rules' readings: a pile's scan gives its own
 * reading and one of each port; a relay board's scan gives its cabinet's reading (the temperature
 * input, when its profile maps one) and the state of the channels that switch sockets, which it
 * keeps; a meter's scan gives its socket's reading, with the channel as the board last reported it
 * (before the board was ever read: closed when power flows). A value a device sends that is no
 * number skips what it belongs to, and is reported once until the device sends numbers again,
 * instead of stopping supervision. Not thread-safe: the rules' thread owns it.
 */
final class ScanReadings {
    /** What one scan came to: readings for the rules, and notices for the outbox. */
    record Scan(Optional<PileReading> pile, List<PortReading> ports, List<Object> notices) {
    }

    private final ChargingPorts layout;
    /** Each socket channel's coil as its board last reported it, by port source ({@code relays-a/3}). */
    private final Map<String, Boolean> coils = new HashMap<>();
    /** Each pile's and board's temperature in its last scan, for the telemetry of its ports. */
    private final Map<String, Double> temperatures = new HashMap<>();
    /** Sources whose device sent a value that is no number, until it sends numbers again. */
    private final Set<String> unreadable = new HashSet<>();

    ScanReadings(ChargingPorts layout) {
        this.layout = layout;
    }

    Scan of(String device, RegisterWords words, Instant at) {
        List<Object> notices = new ArrayList<>();
        Optional<ChargingPorts.Pile> pile = layout.pile(device);
        if (pile.isPresent()) {
            return pile(pile.get(), words, at, notices);
        }
        Optional<ChargingPorts.Board> board = layout.board(device);
        if (board.isPresent()) {
            return new Scan(board(board.get(), words, at, notices), List.of(), notices);
        }
        List<PortReading> ports = new ArrayList<>();
        layout.socketOfMeter(device).flatMap(s -> socket(s, words, at, notices)).ifPresent(ports::add);
        return new Scan(Optional.empty(), ports, notices);
    }

    /** The pile's or board's temperature in its last scan, NaN when it has none. */
    double temperature(String pileOrBoard) {
        return temperatures.getOrDefault(pileOrBoard, Double.NaN);
    }

    /** A read-back of a socket saw its channel's coil: later meter readings go with it. */
    void coil(String board, int channel, boolean closed) {
        coils.put(PortReading.source(board, channel), closed);
    }

    /** A socket's reading from its meter's words and its channel's coil. */
    Optional<PortReading> socket(ChargingPorts.Socket s, RegisterWords words, Instant at, List<Object> notices) {
        String source = PortReading.source(s.board(), s.channel());
        PortDecoding d = s.decoder().decode(words);
        if (!(d instanceof PortDecoding.Read read)) {
            unreadable(source, s.meter().id(), d, at, notices);
            return Optional.empty();
        }
        ChargingPorts.Board board = layout.board(s.board()).orElseThrow();
        Boolean coil = coils.get(source);
        boolean closed = coil != null ? coil : read.values().watts() > board.offWatts();
        checked(source, s.meter().id(), read.values().unreadable(), at, notices);
        return Optional.of(PortReadings.ofSocket(s.board(), s.channel(), at, read.values(), closed, board.offWatts(),
                board.fullWatts()));
    }

    private Scan pile(ChargingPorts.Pile p, RegisterWords words, Instant at, List<Object> notices) {
        PileValues v = p.decoder().decode(words);
        checked(p.id(), p.id(), v.unreadable(), at, notices);
        Optional<PileReading> reading = PortReadings.ofPile(p.id(), at, v);
        if (reading.isPresent()) {
            temperatures.put(p.id(), reading.get().temperatureC());
        } else {
            temperatures.remove(p.id());
        }
        List<PortReading> ports = new ArrayList<>();
        for (int port : p.ports().keySet()) {
            pilePort(p, port, words, at, notices).ifPresent(ports::add);
        }
        return new Scan(reading, ports, notices);
    }

    private Optional<PortReading> pilePort(ChargingPorts.Pile p, int port, RegisterWords words, Instant at,
                                           List<Object> notices) {
        String source = PortReading.source(p.id(), port);
        PortDecoding d = p.ports().get(port).decode(words);
        if (!(d instanceof PortDecoding.Read read)) {
            unreadable(source, p.id(), d, at, notices);
            return Optional.empty();
        }
        checked(source, p.id(), read.values().unreadable(), at, notices);
        return Optional.of(PortReadings.ofPilePort(p.id(), port, at, read.values()));
    }

    private Optional<PileReading> board(ChargingPorts.Board b, RegisterWords words, Instant at, List<Object> notices) {
        for (int channel : b.sockets().keySet()) {
            if (RegisterDecoding.flag(b.profile().relayOf(channel), words) instanceof Decoded.Value<Boolean> v) {
                coil(b.id(), channel, v.value());
            }
        }
        if (b.profile().temperature().isEmpty()) {
            return Optional.empty();
        }
        Decoded<Double> t = RegisterDecoding.measure(b.profile().temperature().get(), words);
        if (t instanceof Decoded.Invalid<Double> bad) {
            checked(b.id(), b.id(), List.of(bad.reason() + "; the cabinet's temperature is not judged"), at, notices);
        } else if (t instanceof Decoded.Value<Double> v) {
            checked(b.id(), b.id(), List.of(), at, notices);
            temperatures.put(b.id(), v.value());
            return Optional.of(new PileReading(b.id(), at, v.value(), false, 0));
        }
        return Optional.empty();
    }

    /** A port whose power or energy is no number (or was not read): skipped, and reported when it is no number. */
    private void unreadable(String source, String device, PortDecoding d, Instant at, List<Object> notices) {
        if (d instanceof PortDecoding.Invalid bad && unreadable.add(source)) {
            notices.add(new ValueUnreadable(source, device, bad.reason() + "; the port's " + bad.role()
                    + " is no number, so it is not judged until the device sends numbers again", at));
        }
    }

    /** Reports values that are no number once per episode, and the end of an episode. */
    private void checked(String source, String device, List<String> problems, Instant at, List<Object> notices) {
        if (!problems.isEmpty()) {
            if (unreadable.add(source)) {
                notices.add(new ValueUnreadable(source, device, String.join("; ", problems), at));
            }
        } else if (unreadable.remove(source)) {
            notices.add(new ValueReadable(source, device, at));
        }
    }
}
