package org.anju.agent;

import java.util.HashMap;
import java.util.Map;

import org.anju.agent.bus.BusOutcome;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.door.DoorRuntime;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.Site;
import org.anju.protocol.lockboard.LockBoardFrame;

/**
 * Feeds the door sensors of lock-board doors: each poll of a board's channels becomes a door
 * sensor report for every door on that board whose door opened or closed since the last poll.
 */
final class BoardDoorSensors {
    private BoardDoorSensors() {
    }

    static void attach(Site site, SiteBuses buses, Map<String, DoorRuntime> doors) {
        Map<String, Map<Integer, DoorRuntime>> byBoard = new HashMap<>();
        for (Door door : site.doors()) {
            if (door.lock() instanceof LockBinding.Board b && doors.containsKey(door.id())) {
                byBoard.computeIfAbsent(b.device(), k -> new HashMap<>()).put(b.channel(), doors.get(door.id()));
            }
        }
        Map<DoorRuntime, Boolean> last = new HashMap<>(); // touched only on the board's bus thread
        buses.pollLockBoards(site, polled -> {
            Map<Integer, DoorRuntime> channels = byBoard.get(polled.getKey());
            if (channels == null || !(polled.getValue() instanceof BusOutcome.Answered<LockBoardFrame.Reply> a)
                    || !(a.reply() instanceof LockBoardFrame.AllStates states)) {
                return;
            }
            channels.forEach((channel, door) -> {
                if (channel <= states.channels().size()) {
                    boolean open = states.channel(channel).doorOpen();
                    if (!Boolean.valueOf(open).equals(last.put(door, open))) {
                        door.doorSensor(open);
                    }
                }
            });
        });
    }
}
