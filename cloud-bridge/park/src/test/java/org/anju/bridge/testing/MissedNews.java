package org.anju.bridge.testing;

import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.Topics;

/**
 * What happens at a gateway while a console is away, as the gateway sends it: an alarm raised and
 * acknowledged (gone from the alarms list by the time the console is back, news all the same), a
 * door opened, a command's outcome and a port's status, in three batches (alarms, access, state);
 * and what a console is shown of each: its kind and seq.
 */
public final class MissedNews {
    /** What the console's stream shows of one event: its kind and the gateway's seq. */
    public record Shown(String kind, String gateway, long seq) {
    }

    /** How many events {@link #batches} sends, each shown to a console. */
    public static final int EVENTS = 5;

    private MissedNews() {
    }

    /** The batches, numbered from {@code first}, stamped {@code now}. */
    public static List<EventBatch> batches(Topics gateway, long first, long now) {
        String alarm = "{\"alarm\":{\"id\":\"smoke-" + first + "\",\"kind\":\"SMOKE\",\"severity\":\"FIRE\",\"source\":\"pile-1\","
                + "\"detail\":\"smoke at pile-1\"";
        return List.of(
                EventBatch.of(gateway, 1, 0, now, List.of(
                        new EventBatch.Event(first, now, Priority.ALARM, "alarm.raised", alarm + "}}"),
                        new EventBatch.Event(first + 1, now, Priority.ALARM, "alarm.acknowledged",
                                alarm + ",\"acknowledgedBy\":\"officer-1\",\"acknowledgedAt\":" + now + "}}"))),
                EventBatch.of(gateway, 1, 0, now, List.of(new EventBatch.Event(first + 2, now, Priority.ACCESS, "door.access_granted",
                        "{\"door\":\"entrance\",\"via\":\"card\"}"))),
                EventBatch.of(gateway, 1, 0, now, List.of(
                        new EventBatch.Event(first + 3, now, Priority.STATE, "command.completed",
                                "{\"requestId\":\"r-" + first + "\",\"kind\":\"port.cut\",\"by\":\"officer-1\",\"result\":\"OK\","
                                        + "\"detail\":\"cut\",\"completedAt\":" + now + ",\"ports\":[]}"),
                        new EventBatch.Event(first + 4, now, Priority.STATE, "port.status",
                                "{\"pileId\":\"pile-1\",\"port\":1,\"status\":\"FAULTED\"}"))));
    }

    /** What a console is shown of {@link #batches}. */
    public static List<Shown> shown(String gateway, long first) {
        List<Shown> out = new ArrayList<>();
        out.add(new Shown("alarm", gateway, first));
        out.add(new Shown("alarm", gateway, first + 1));
        out.add(new Shown("door", gateway, first + 2));
        out.add(new Shown("command", gateway, first + 3));
        out.add(new Shown("port", gateway, first + 4));
        return out;
    }

    /** How a console's event is compared with {@link #shown}. */
    public static Shown of(ConsoleFeed.Event e) {
        return new Shown(e.kind(), e.data().getString("gateway"), e.data().getLong("seq", -1L));
    }
}
