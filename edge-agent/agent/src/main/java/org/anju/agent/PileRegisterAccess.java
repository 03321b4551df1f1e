package org.anju.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.anju.agent.bus.DeviceScanner;
import org.anju.agent.bus.ReadSpans;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.PortReadings;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.reading.PortDecoding;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterWords;

/**
 * Ports of piles that switch and meter them themselves, over Modbus by their profile: the relay
 * is the port's {@code relay} coil; a read-back reads the port's registers (the roles a reading is
 * made of), each as the smallest part of one of the profile's own reads that holds them, so it
 * asks nothing the pile does not answer in its scans. After every relay write the pile's scan
 * cycle starts over, so no snapshot mixes a relay read before the write with meters read after.
 */
final class PileRegisterAccess implements PortAccess {
    /** The port registers a reading is made of; the read-back after a command reads exactly these. */
    static final List<String> PORT_ROLES = List.of("relay", "plugged", "state", "cutReason", "voltage", "current",
            "power", "energy");

    private final ChargingPorts layout;
    private final SiteBuses buses;
    private final Supplier<Instant> rulesTime;
    private final Clock clock;

    PileRegisterAccess(ChargingPorts layout, SiteBuses buses, Supplier<Instant> rulesTime, Clock clock) {
        this.layout = layout;
        this.buses = buses;
        this.rulesTime = rulesTime;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<String> switchRelay(String pile, int port, boolean on) {
        Optional<ChargingPorts.Pile> p = layout.pile(pile);
        Optional<RegisterSpec> coil = p.flatMap(x -> x.profile().portRegister("relay", port));
        var client = buses.modbusDevices().get(pile);
        if (coil.isEmpty() || client == null) {
            return CompletableFuture.completedFuture(pile + " has no relay for port " + port + " in its profile");
        }
        return client.client().command(p.get().device().address(), new ModbusPdu.WriteSingleCoil(coil.get().address(), on))
                .thenApply(outcome -> {
                    // on the bus thread when it answers: before the scan's next read of the pile
                    buses.scanner(pile).ifPresent(DeviceScanner::restartCycle);
                    return PortAccess.refusal(pile, outcome);
                });
    }

    @Override
    public CompletableFuture<ReadBack> readBack(String pile, Set<Integer> ports) {
        Optional<ChargingPorts.Pile> p = layout.pile(pile);
        var client = buses.modbusDevices().get(pile);
        if (p.isEmpty() || client == null) {
            return CompletableFuture.completedFuture(new ReadBack.NotRead("no charging pile " + pile + " on this site"));
        }
        return DeviceScanner.readOnce(client.client(), pile, p.get().device().address(), plan(p.get().profile(), ports),
                clock).thenApply(read -> read instanceof DeviceScanner.ReadOnce.Read r
                ? new ReadBack.Read(readings(p.get(), ports, r.snapshot(), rulesTime.get()))
                : new ReadBack.NotRead(((DeviceScanner.ReadOnce.NotRead) read).reason()));
    }

    /** The reads that cover these ports' registers: per profile read, the span from the first needed word to the last. */
    static List<DeviceScanner.Read> plan(ChargingPileProfile p, Set<Integer> ports) {
        List<RegisterSpec> specs = new ArrayList<>();
        for (int port : ports) {
            for (String role : PORT_ROLES) {
                p.portRegister(role, port).ifPresent(specs::add);
            }
        }
        return ReadSpans.covering(specs, p.reads());
    }

    /** The ports whose power and energy the read-back holds as numbers. */
    private static List<PortReading> readings(ChargingPorts.Pile p, Set<Integer> ports, RegisterWords words, Instant at) {
        List<PortReading> out = new ArrayList<>();
        for (int port : ports) {
            if (p.ports().containsKey(port) && p.ports().get(port).decode(words) instanceof PortDecoding.Read read) {
                out.add(PortReadings.ofPilePort(p.id(), port, at, read.values()));
            }
        }
        return out;
    }
}
