package org.anju.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.anju.agent.bus.BusOutcome;
import org.anju.agent.bus.DeviceScanner;
import org.anju.agent.bus.SiteBuses;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.Site;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * Ports of piles that switch and meter them themselves, over Modbus by their profile: the relay
 * is the port's {@code relay} coil; a read-back reads the port's registers (the roles a reading is
 * made of), each as the smallest part of one of the profile's own reads that holds them, so it
 * asks nothing the pile does not answer in its scans. After every relay write the pile's scan
 * cycle starts over, so no snapshot mixes a relay read before the write with meters read after.
 */
final class PileRegisterAccess implements PortAccess {
    private final Site site;
    private final SiteBuses buses;
    private final Map<String, ChargingPileProfile> piles;
    private final Supplier<Instant> rulesTime;
    private final Clock clock;

    PileRegisterAccess(Site site, SiteBuses buses, Map<String, ChargingPileProfile> piles, Supplier<Instant> rulesTime,
                       Clock clock) {
        this.site = site;
        this.buses = buses;
        this.piles = piles;
        this.rulesTime = rulesTime;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<String> switchRelay(String pile, int port, boolean on) {
        ChargingPileProfile p = piles.get(pile);
        Optional<RegisterSpec> coil = p == null ? Optional.empty() : p.portRegister("relay", port);
        var client = buses.modbusDevices().get(pile);
        if (coil.isEmpty() || client == null) {
            return CompletableFuture.completedFuture(pile + " has no relay for port " + port + " in its profile");
        }
        return client.client().command(site.device(pile).orElseThrow().address(),
                new ModbusPdu.WriteSingleCoil(coil.get().address(), on)).thenApply(outcome -> {
                    // on the bus thread when it answers: before the scan's next read of the pile
                    buses.scanner(pile).ifPresent(DeviceScanner::restartCycle);
                    return refusal(pile, outcome);
                });
    }

    @Override
    public CompletableFuture<ReadBack> readBack(String pile, Set<Integer> ports) {
        ChargingPileProfile p = piles.get(pile);
        var client = buses.modbusDevices().get(pile);
        if (p == null || client == null) {
            return CompletableFuture.completedFuture(new ReadBack.NotRead("no charging pile " + pile + " on this site"));
        }
        return DeviceScanner.readOnce(client.client(), pile, site.device(pile).orElseThrow().address(), plan(p, ports),
                clock).thenApply(read -> read instanceof DeviceScanner.ReadOnce.Read r
                ? new ReadBack.Read(PileReadings.ports(r.snapshot(), p, ports, rulesTime.get()))
                : new ReadBack.NotRead(((DeviceScanner.ReadOnce.NotRead) read).reason()));
    }

    /** The reads that cover these ports' registers: per profile read, the span from the first needed word to the last. */
    static List<DeviceScanner.Read> plan(ChargingPileProfile p, Set<Integer> ports) {
        Map<RegisterRead, int[]> spans = new LinkedHashMap<>();
        for (int port : ports) {
            for (String role : PileReadings.PORT_ROLES) {
                Optional<RegisterSpec> spec = p.portRegister(role, port);
                Optional<RegisterRead> read = spec.flatMap(s -> p.reads().stream().filter(r -> r.covers(s)).findFirst());
                if (read.isPresent()) {
                    int[] span = spans.computeIfAbsent(read.get(), r -> new int[] {Integer.MAX_VALUE, -1});
                    span[0] = Math.min(span[0], spec.get().address());
                    span[1] = Math.max(span[1], spec.get().lastAddress());
                }
            }
        }
        List<DeviceScanner.Read> plan = new ArrayList<>();
        spans.forEach((read, span) -> plan.add(new DeviceScanner.Read(read.table(), span[0], span[1] - span[0] + 1)));
        return plan;
    }

    /** Null when the pile took the write, else why not. */
    private static String refusal(String pile, BusOutcome<ModbusPdu.Response> outcome) {
        if (outcome instanceof BusOutcome.Answered<ModbusPdu.Response> a) {
            return a.reply() instanceof ModbusPdu.ExceptionResponse e ? pile + " refused the relay write ("
                    + e.exception().map(Enum::name).orElse("exception " + e.code()) + ")" : null;
        }
        return outcome.problem();
    }
}
