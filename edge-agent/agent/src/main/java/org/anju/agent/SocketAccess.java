package org.anju.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.anju.agent.bus.DeviceScanner;
import org.anju.agent.bus.ReadSpans;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.PortReadings;
import org.anju.profiles.model.EnergyMeterProfile;
import org.anju.profiles.reading.Decoded;
import org.anju.profiles.reading.PortDecoding;
import org.anju.profiles.reading.RegisterDecoding;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * Sockets switched by a relay board's channels and metered by a meter each: the relay is the
 * channel's coil on the board; a read-back reads the board's coils, then each socket's meter
 * (the spans of its profile's reads that hold power, energy, voltage and current), so a cut is
 * confirmed by the meter's power dropping to nothing with the channel open. After every relay
 * write the board's and the meter's scan cycles start over, so no scan mixes words read before
 * the write with words read after it.
 */
final class SocketAccess implements PortAccess {
    private static final List<String> METER_ROLES = List.of("power", "energy", "voltage", "current");

    private final ChargingPorts layout;
    private final SiteBuses buses;
    private final Supplier<Instant> rulesTime;
    private final Clock clock;

    SocketAccess(ChargingPorts layout, SiteBuses buses, Supplier<Instant> rulesTime, Clock clock) {
        this.layout = layout;
        this.buses = buses;
        this.rulesTime = rulesTime;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<String> switchRelay(String boardId, int channel, boolean on) {
        ChargingPorts.Board board = layout.board(boardId).orElse(null);
        ChargingPorts.Socket socket = board == null ? null : board.sockets().get(channel);
        var client = buses.modbusDevices().get(boardId);
        if (socket == null || client == null) {
            return CompletableFuture.completedFuture(boardId + " switches no socket on channel " + channel);
        }
        return client.client().command(board.device().address(),
                new ModbusPdu.WriteSingleCoil(board.profile().relayOf(channel).address(), on)).thenApply(outcome -> {
                    buses.scanner(boardId).ifPresent(DeviceScanner::restartCycle);
                    buses.scanner(socket.meter().id()).ifPresent(DeviceScanner::restartCycle);
                    return PortAccess.refusal(boardId, outcome);
                });
    }

    @Override
    public CompletableFuture<ReadBack> readBack(String boardId, Set<Integer> channels) {
        ChargingPorts.Board board = layout.board(boardId).orElse(null);
        var client = buses.modbusDevices().get(boardId);
        if (board == null || client == null) {
            return CompletableFuture.completedFuture(new ReadBack.NotRead("no relay board " + boardId + " switches sockets here"));
        }
        List<RegisterSpec> coils = channels.stream().filter(board.sockets()::containsKey)
                .map(c -> board.profile().relayOf(c)).toList();
        return DeviceScanner.readOnce(client.client(), boardId, board.device().address(),
                ReadSpans.covering(coils, board.profile().reads()), clock).thenCompose(read -> {
                    if (read instanceof DeviceScanner.ReadOnce.NotRead not) {
                        return CompletableFuture.completedFuture(new ReadBack.NotRead(not.reason()));
                    }
                    var words = ((DeviceScanner.ReadOnce.Read) read).snapshot();
                    Map<Integer, Boolean> closed = new LinkedHashMap<>();
                    for (int c : channels) {
                        if (board.sockets().containsKey(c)
                                && RegisterDecoding.flag(board.profile().relayOf(c), words) instanceof Decoded.Value<Boolean> v) {
                            closed.put(c, v.value());
                        }
                    }
                    return meters(board, closed);
                });
    }

    /** Reads each socket's meter in turn and makes its reading with the coil just read. */
    private CompletableFuture<ReadBack> meters(ChargingPorts.Board board, Map<Integer, Boolean> closed) {
        List<PortReading> readings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<Integer, Boolean> c : closed.entrySet()) {
            ChargingPorts.Socket socket = board.sockets().get(c.getKey());
            var meter = buses.modbusDevices().get(socket.meter().id());
            if (meter == null) {
                problems.add(socket.meter().id() + " is on no bus");
                continue;
            }
            EnergyMeterProfile profile = (EnergyMeterProfile) socket.meter().profile();
            List<RegisterSpec> specs = METER_ROLES.stream().map(profile.registers()::get).filter(Objects::nonNull).toList();
            chain = chain.thenCompose(done -> DeviceScanner.readOnce(meter.client(), socket.meter().id(),
                    socket.meter().address(), ReadSpans.covering(specs, profile.reads()), clock)).thenAccept(read -> {
                        if (read instanceof DeviceScanner.ReadOnce.Read r
                                && socket.decoder().decode(r.snapshot()) instanceof PortDecoding.Read values) {
                            readings.add(PortReadings.ofSocket(board.id(), c.getKey(), rulesTime.get(), values.values(),
                                    c.getValue(), board.offWatts(), board.fullWatts()));
                        } else if (read instanceof DeviceScanner.ReadOnce.NotRead not) {
                            problems.add(not.reason());
                        } else {
                            problems.add(socket.meter().id() + " sent a power or energy that is no number");
                        }
                    });
        }
        return chain.thenApply(done -> readings.isEmpty() && !problems.isEmpty()
                ? new ReadBack.NotRead(String.join("; ", problems)) : new ReadBack.Read(readings));
    }
}
