package org.anju.agent.store;

/** Which events go first when the uplink drains a backlog, and which are kept longest on a full disk. */
public enum EventPriority {
    ALARM(0), ACCESS(1), STATE(2), TELEMETRY(3);

    private final int rank;

    EventPriority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static EventPriority ofRank(int rank) {
        for (EventPriority p : values()) {
            if (p.rank == rank) {
                return p;
            }
        }
        throw new IllegalArgumentException("no priority " + rank);
    }
}
