package org.anju.bridge.contract;

import java.util.Optional;

/** The commands a park sends a gateway, by their wire name, with the record of each one's body. */
public enum CommandKind {
    DOOR_OPEN("door.open", CommandBody.DoorOpen.class),
    CHARGE_START("charge.start", CommandBody.ChargeStart.class),
    CHARGE_STOP("charge.stop", CommandBody.ChargeStop.class),
    PORT_CUT("port.cut", CommandBody.PortCut.class),
    AREA_CUT("area.cut", CommandBody.AreaCut.class),
    AREA_RESTORE("area.restore", CommandBody.AreaRestore.class),
    ALARM_ACK("alarm.ack", CommandBody.AlarmAck.class),
    ROSTER_DELTA("roster.delta", CommandBody.RosterDelta.class),
    ROSTER_SNAPSHOT("roster.snapshot", CommandBody.RosterSnapshot.class),
    LIFT_HOME("lift.home", CommandBody.LiftHome.class),
    LIFT_RESTORE("lift.restore", CommandBody.LiftRestore.class),
    GATE_RESET("gate.reset", CommandBody.GateReset.class),
    SITE_APPLY("site.apply", CommandBody.SiteApply.class);

    private final String wireName;
    private final Class<? extends CommandBody> bodyType;

    CommandKind(String wireName, Class<? extends CommandBody> bodyType) {
        this.wireName = wireName;
        this.bodyType = bodyType;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends CommandBody> bodyType() {
        return bodyType;
    }

    public static Optional<CommandKind> of(String wireName) {
        for (CommandKind k : values()) {
            if (k.wireName.equals(wireName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
