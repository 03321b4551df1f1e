package org.anju.agent.uplink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.anju.agent.bus.BusScheduler;
import org.anju.agent.bus.LockBoardClient;
import org.anju.agent.bus.ModbusClient;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.store.Outbox;
import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.uplink.StatusSource;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Site;

/**
 * The gateway's status for the park, from its parts: the outbox's waiting events (read on the
 * outbox's own thread, where its other reads go), each bus's health from its scheduler (in memory),
 * the site file's version and the agent's uptime, put together by {@link StatusFigures}. Never blocks.
 */
public final class GatewayStatusSource implements StatusSource {
    private final Outbox outbox;
    private final String config;
    private final long startedNanos;
    private final java.time.Clock wall;
    private final List<Map.Entry<BusScheduler, Map<String, String>>> buses = new ArrayList<>();

    public GatewayStatusSource(Site site, SiteBuses siteBuses, Outbox outbox, java.time.Clock wall, long startedNanos) {
        this.outbox = outbox;
        this.config = site.configVersion();
        this.wall = wall;
        this.startedNanos = startedNanos;
        for (Bus bus : site.buses()) {
            BusScheduler scheduler = siteBuses.schedulers().get(bus.id());
            if (scheduler == null) {
                continue;
            }
            Map<String, String> devices = new LinkedHashMap<>();
            for (Device d : bus.devices()) {
                devices.put(d.id(), siteBuses.lockBoards().containsKey(d.id()) ? LockBoardClient.deviceName(d.address())
                        : ModbusClient.deviceName(d.address()));
            }
            buses.add(Map.entry(scheduler, devices));
        }
    }

    @Override
    public CompletableFuture<GatewayStatus.Figures> read() {
        return outbox.pending().thenApply(pending -> {
            List<StatusFigures.BusReading> readings = new ArrayList<>();
            buses.forEach(b -> readings.add(new StatusFigures.BusReading(b.getKey().health(), b.getValue())));
            return StatusFigures.of(new StatusFigures.Readings(config, startedNanos, System.nanoTime(), wall.millis(), pending,
                    readings));
        });
    }

    /** Which lines are down and which devices do not answer, to compare with the last time; in memory only. */
    String shape() {
        return StatusFigures.shape(buses.stream().map(b -> b.getKey().health()).toList());
    }
}
