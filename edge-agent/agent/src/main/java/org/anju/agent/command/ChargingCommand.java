package org.anju.agent.command;

/**
 * A command for the charging rules, as {@link CommandApi} reads it off the event bus. Each carries
 * its request id (a stop or a cut that is answered {@code pending} completes under it later) and
 * who asked: an id, never a name.
 */
public sealed interface ChargingCommand {
    String id();

    String who();

    /** Switch a port on for {@code who} (a tenant, or an operator), with the limits they chose for the charge. */
    record Start(String id, String pile, int port, String who, org.anju.agent.charging.SessionLimits limits)
            implements ChargingCommand {
    }

    /**
     * Stop the charge on a port. With {@code tenant} (a tenant's phone) only that tenant's charge;
     * without (the landlord, an officer, an operator), any.
     */
    record Stop(String id, String pile, int port, String tenant, String who) implements ChargingCommand {
    }

    /** An officer cuts one port. */
    record PortCut(String id, String pile, int port, String who) implements ChargingCommand {
    }

    /** An officer cuts every port of a charging area. */
    record AreaCut(String id, String area, String who) implements ChargingCommand {
    }

    /** An officer restores a charging area after a fire or their cut (refused while its fire input is active). */
    record AreaRestore(String id, String area, String who) implements ChargingCommand {
    }

    /** A person acknowledges a charging alarm by its id. */
    record Acknowledge(String id, String alarm, String who) implements ChargingCommand {
    }
}
