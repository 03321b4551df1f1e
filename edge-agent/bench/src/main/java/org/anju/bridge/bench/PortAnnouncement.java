package org.anju.bridge.bench;

import java.util.ArrayList;
import java.util.List;

import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.Priority;

/**
 * What a building's gateway tells the park when it comes up: a reading of each of its charging
 * ports ({@link FloodGateways#PORTS} to a pile, piles {@code pile-1} on, as
 * {@link FloodGateways#buildingsYaml(int)} lists them) and the alarm it has open. Of the ports, one
 * in fifty is faulted, one in three of the others charging, the rest available: a park-wide
 * console page of charging ports is thousands, of faulted ones a few.
 */
final class PortAnnouncement {
    private static final long T0 = 1_773_561_600_000L;

    private PortAnnouncement() {
    }

    static int piles(int ports) {
        return (ports + FloodGateways.PORTS - 1) / FloodGateways.PORTS;
    }

    /** The state the announcement gives port {@code index} (0 on) of a building. */
    static String state(int index) {
        return index % 50 == 7 ? "Faulted" : index % 3 == 0 ? "Charging" : "Available";
    }

    /** How many of a building's {@code ports} the announcement puts in {@code state}. */
    static long count(int ports, String state) {
        long n = 0;
        for (int i = 0; i < ports; i++) {
            n += state(i).equals(state) ? 1 : 0;
        }
        return n;
    }

    /** Events seq 1 to {@code ports + 1}: each port's reading, then one open alarm; as {@link FloodGateways#batches} sends them. */
    static List<EventBatch.Event> events(int ports) {
        List<EventBatch.Event> out = new ArrayList<>(ports + 1);
        for (int i = 0; i < ports; i++) {
            String state = state(i);
            boolean charging = state.equals("Charging");
            long seq = i + 1;
            out.add(new EventBatch.Event(seq, T0 + seq * 1_000L, Priority.TELEMETRY, "port.reading", "{\"pile\":\"pile-"
                    + (i / FloodGateways.PORTS + 1) + "\",\"port\":" + (i % FloodGateways.PORTS + 1) + ",\"state\":\"" + state
                    + "\",\"voltageV\":221.3,\"currentA\":" + (charging ? 1.52 : 0.0) + ",\"powerW\":" + (charging ? 300 + i % 97 : 0)
                    + ",\"energyWh\":" + i * 10 + ",\"sessionSeconds\":" + (charging ? i * 7 : 0) + "}"));
        }
        long seq = ports + 1;
        out.add(new EventBatch.Event(seq, T0 + seq * 1_000L, Priority.ALARM, "alarm.raised", "{\"alarm\":{\"id\":\"pile-1/PILE_WATCHDOG_TRIPPED/"
                + seq + "\",\"kind\":\"PILE_WATCHDOG_TRIPPED\",\"severity\":\"WARNING\",\"source\":\"pile-1\","
                + "\"detail\":\"the pile's watchdog restarted it\",\"cause\":{\"restarts\":1}}}"));
        return out;
    }

    /** How many events {@link #events} holds for a building of {@code ports}. */
    static int size(int ports) {
        return ports + 1;
    }
}
