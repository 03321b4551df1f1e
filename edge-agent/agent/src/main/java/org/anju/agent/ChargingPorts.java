package org.anju.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.anju.agent.safety.AnomalySettings;
import org.anju.agent.safety.PileSite;
import org.anju.agent.safety.SafetyLimits;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.Site;
import org.anju.profiles.reading.PileDecoder;
import org.anju.profiles.reading.PortDecoder;

/**
 * Every charging port of a site as the rules see it, built once from the site file with the
 * decoders of its profiles: each pile's ports, and each relay board that switches metered sockets.
 * A board's sockets are its ports, numbered by channel: the board is their pile, as the cabinet
 * they sit in (its temperature input is the cabinet's, its feeder theirs, a fire in its area cuts
 * them all), and each socket's reading comes from its own meter. Immutable.
 */
final class ChargingPorts {
    /**
     * The limits of a board's sockets before the area's own: the gateway's defaults, since no
     * firmware of theirs has limits of its own to respect.
     */
    static final org.anju.profiles.model.SafetyLimitSettings SOCKET_LIMITS = new org.anju.profiles.model.SafetyLimitSettings(
            SafetyLimits.DEFAULTS.overloadWatts(), SafetyLimits.DEFAULTS.fullChargeWatts(),
            SafetyLimits.DEFAULTS.fullChargeTime(), SafetyLimits.DEFAULTS.maxSession(),
            SafetyLimits.DEFAULTS.temperatureWarnC(), SafetyLimits.DEFAULTS.temperatureCutC());

    /** A pile that switches and meters its own ports, with its profile's decoders. */
    record Pile(Device device, ChargingPileProfile profile, PileDecoder decoder, SortedMap<Integer, PortDecoder> ports) {
        String id() {
            return device.id();
        }
    }

    /** A socket: channel {@code channel} of relay board {@code board} switches it, {@code meter} meters it. */
    record Socket(String board, int channel, Device meter, PortDecoder decoder) {
    }

    /**
     * A relay board and the sockets its channels switch, with the thresholds that tell, from a
     * meter's power, a socket that draws from one that does not ({@code offWatts}) and a charging
     * battery from a full one ({@code fullWatts}).
     */
    record Board(Device device, RelayBoardProfile profile, SortedMap<Integer, Socket> sockets, double offWatts,
                 double fullWatts) {
        String id() {
            return device.id();
        }
    }

    private final Map<String, Pile> piles = new LinkedHashMap<>();
    private final Map<String, Board> boards = new LinkedHashMap<>();
    private final Map<String, Socket> socketOfMeter = new LinkedHashMap<>();
    private final List<org.anju.agent.safety.AreaEgress> areas = new ArrayList<>();
    private final List<PileSite> sites = new ArrayList<>();

    private ChargingPorts() {
    }

    static ChargingPorts of(Site site) {
        ChargingPorts out = new ChargingPorts();
        for (ChargingArea area : site.chargingAreas()) {
            out.areas.add(new org.anju.agent.safety.AreaEgress(area.id(),
                    area.onFireAlarm() == null ? List.of() : area.onFireAlarm().release()));
            for (String pileId : area.piles()) {
                Optional<Device> device = site.device(pileId);
                if (device.isPresent() && device.get().profile() instanceof ChargingPileProfile p) {
                    SortedMap<Integer, PortDecoder> ports = new TreeMap<>();
                    for (int port = 1; port <= p.ports(); port++) {
                        ports.put(port, PortDecoder.of(p, port));
                    }
                    out.piles.put(pileId, new Pile(device.get(), p, PileDecoder.of(p), Collections.unmodifiableSortedMap(ports)));
                    out.sites.add(new PileSite(pileId, List.copyOf(ports.keySet()), area.id(), feeder(area, pileId),
                            limits(area.safetyLimits().over(p.safetyLimits())), AnomalySettings.DEFAULTS));
                }
            }
            out.addBoards(site, area);
        }
        return out;
    }

    /** The area's metered sockets, by the board that switches them, in the order the area first names each board. */
    private void addBoards(Site site, ChargingArea area) {
        SafetyLimits limits = limits(area.safetyLimits().over(SOCKET_LIMITS));
        Map<String, SortedMap<Integer, Socket>> byBoard = new LinkedHashMap<>();
        for (ChargingArea.MeteredPort m : area.meteredPorts()) {
            Optional<Device> meter = site.device(m.meter());
            if (meter.isPresent() && meter.get().profile() instanceof EnergyMeterProfile profile) {
                Socket socket = new Socket(m.relay(), m.channel(), meter.get(), PortDecoder.of(profile));
                byBoard.computeIfAbsent(m.relay(), b -> new TreeMap<>()).put(m.channel(), socket);
                socketOfMeter.put(m.meter(), socket);
            }
        }
        byBoard.forEach((boardId, sockets) -> {
            Optional<Device> device = site.device(boardId);
            if (device.isPresent() && device.get().profile() instanceof RelayBoardProfile profile) {
                boards.put(boardId, new Board(device.get(), profile, Collections.unmodifiableSortedMap(sockets),
                        limits.relayOffWatts(), limits.fullChargeWatts()));
                sites.add(new PileSite(boardId, List.copyOf(sockets.keySet()), area.id(), feeder(area, boardId), limits,
                        AnomalySettings.DEFAULTS));
            }
        });
    }

    private static String feeder(ChargingArea area, String pileOrBoard) {
        return area.feederOf(pileOrBoard).map(ChargingArea.Feeder::name).orElse(null);
    }

    /**
     * The profile's gateway limits with the area's stricter ones from the site file on top (both
     * already checked against the firmware's by the site validator).
     */
    private static SafetyLimits limits(org.anju.profiles.model.SafetyLimitSettings l) {
        return SafetyLimits.DEFAULTS.withOverloadWatts(l.overloadPower())
                .withFullCharge(l.fullChargePower(), l.fullChargeTime())
                .withMaxSession(l.maxSession())
                .withTemperatures(l.temperatureWarn(), l.temperatureCut());
    }

    Optional<Pile> pile(String id) {
        return Optional.ofNullable(piles.get(id));
    }

    Optional<Board> board(String id) {
        return Optional.ofNullable(boards.get(id));
    }

    Optional<Socket> socketOfMeter(String meterId) {
        return Optional.ofNullable(socketOfMeter.get(meterId));
    }

    /** Whether a scan of this device concerns charging: a pile, a board that switches sockets, a socket's meter. */
    boolean reads(String deviceId) {
        return piles.containsKey(deviceId) || boards.containsKey(deviceId) || socketOfMeter.containsKey(deviceId);
    }

    /** The port numbers of a pile, or the socket channels of a board; empty for anything else. */
    Set<Integer> ports(String pileOrBoard) {
        Pile p = piles.get(pileOrBoard);
        if (p != null) {
            return p.ports().keySet();
        }
        Board b = boards.get(pileOrBoard);
        return b == null ? Set.of() : b.sockets().keySet();
    }

    Map<String, Pile> piles() {
        return Collections.unmodifiableMap(piles);
    }

    Map<String, Board> boards() {
        return Collections.unmodifiableMap(boards);
    }

    List<org.anju.agent.safety.AreaEgress> areas() {
        return List.copyOf(areas);
    }

    /** Every pile and board as the rules place them. */
    List<PileSite> sites() {
        return List.copyOf(sites);
    }
}
