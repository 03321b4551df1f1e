package org.anju.agent.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.anju.agent.bus.BusScheduler;
import org.anju.agent.store.Outbox;
import org.anju.bridge.contract.GatewayStatus;

/**
 * The gateway's status figures from what its parts say now: a pure function of the readings. A
 * bus whose line is down counts each of its devices offline with it (they cannot be reached,
 * whatever they would answer); durations are whole seconds on the gateway's monotonic clock, the
 * outbox's age on its wall clock (the events' own times).
 */
public final class StatusFigures {
    /**
     * @param config       the site file's configuration version, or null
     * @param startedNanos when the agent started, {@link System#nanoTime()}
     * @param nowNanos     now, on the same clock
     * @param nowMillis    now, the wall clock the outbox stamps events with
     * @param outbox       what waits for the park's confirmation
     * @param buses        each bus of the site, in the site's order
     */
    public record Readings(String config, long startedNanos, long nowNanos, long nowMillis, Outbox.Pending outbox,
                           List<BusReading> buses) {
    }

    /** A bus: its health as its scheduler says, and its devices as the site names them, to the name the bus knows them by. */
    public record BusReading(BusScheduler.Health health, Map<String, String> devices) {
    }

    private StatusFigures() {
    }

    public static GatewayStatus.Figures of(Readings r) {
        List<GatewayStatus.Bus> buses = new ArrayList<>();
        List<GatewayStatus.Offline> offline = new ArrayList<>();
        int count = 0;
        for (BusReading b : r.buses()) {
            BusScheduler.Health h = b.health();
            count += b.devices().size();
            if (h.lineDown()) {
                long down = seconds(r.nowNanos() - h.downSinceNanos());
                buses.add(new GatewayStatus.Bus(h.bus(), false, down, h.lineProblem()));
                b.devices().keySet().forEach(id -> offline.add(new GatewayStatus.Offline(id, h.bus(), down,
                        "its bus " + h.bus() + " is down")));
                continue;
            }
            buses.add(GatewayStatus.Bus.up(h.bus()));
            b.devices().forEach((id, name) -> h.offline().stream().filter(d -> d.device().equals(name)).findFirst()
                    .ifPresent(d -> offline.add(new GatewayStatus.Offline(id, h.bus(), seconds(r.nowNanos() - d.sinceNanos()),
                            d.reason()))));
        }
        List<GatewayStatus.Offline> named = offline.size() > GatewayStatus.MAX_OFFLINE
                ? offline.subList(0, GatewayStatus.MAX_OFFLINE) : offline;
        long waiting = r.outbox().events();
        long oldest = waiting == 0 ? 0 : Math.max(0, (r.nowMillis() - r.outbox().oldestTimestampMillis()) / 1000);
        return new GatewayStatus.Figures(r.config(), seconds(r.nowNanos() - r.startedNanos()),
                new GatewayStatus.Outbox(waiting, oldest),
                buses.size() > GatewayStatus.MAX_BUSES ? buses.subList(0, GatewayStatus.MAX_BUSES) : buses,
                new GatewayStatus.Devices(count, named));
    }

    /**
     * What a status shows that is worth sending at once when it changes: which lines are down and
     * which devices do not answer (not for how long).
     */
    public static String shape(List<BusScheduler.Health> buses) {
        StringBuilder s = new StringBuilder();
        for (BusScheduler.Health h : buses) {
            s.append(h.bus()).append(h.lineDown() ? " down" : " up");
            h.offline().stream().map(BusScheduler.DeviceDown::device).sorted().forEach(d -> s.append(',').append(d));
            s.append(';');
        }
        return s.toString();
    }

    private static long seconds(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nanos));
    }
}
