package org.anju.bridge.contract;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of a signed command, one record per {@link CommandKind}. Bodies validate themselves:
 * a record that exists is a command the gateway can act on. {@code toString()} of a roster body
 * leaves out names, rooms and credentials, so a log line never carries personal data.
 */
public sealed interface CommandBody {

    @JsonIgnore
    CommandKind kind();

    /** Open a door once, e.g. a tenant tapped "open" in the phone app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DoorOpen(String door, String onBehalfOf) implements CommandBody {
        public DoorOpen {
            Contract.requireId("door", door);
            if (onBehalfOf != null) {
                Contract.requireId("onBehalfOf (a tenant id)", onBehalfOf);
            }
        }

        @Override
        public CommandKind kind() {
            return CommandKind.DOOR_OPEN;
        }
    }

    /** Switch a charging port on for a tenant, within optional limits (the pile's own limits still apply). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pile", "port", "tenant", "maxMinutes", "maxEnergyWh"})
    record ChargeStart(String pile, int port, String tenant, Integer maxMinutes, Integer maxEnergyWh)
            implements CommandBody {
        public ChargeStart {
            Contract.requireId("pile", pile);
            requirePort(port);
            if (tenant != null) {
                Contract.requireId("tenant", tenant);
            }
            if (maxMinutes != null && (maxMinutes < 1 || maxMinutes > 24 * 60)) {
                throw new IllegalArgumentException("maxMinutes must be 1..1440");
            }
            if (maxEnergyWh != null && (maxEnergyWh < 1 || maxEnergyWh > 100_000)) {
                throw new IllegalArgumentException("maxEnergyWh must be 1..100000");
            }
        }

        @Override
        public CommandKind kind() {
            return CommandKind.CHARGE_START;
        }
    }

    /**
     * End the charging session on a port, the normal way. {@code tenant}: on whose behalf (a
     * tenant's phone): the gateway stops only a charge that tenant started, and refuses any other.
     * {@code by}: who asked, when not a tenant (the landlord of the building, an officer); absent,
     * the park. Both are optional, so a park that sends neither is still understood.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pile", "port", "tenant", "by"})
    record ChargeStop(String pile, int port, String tenant, String by) implements CommandBody {
        public ChargeStop {
            Contract.requireId("pile", pile);
            requirePort(port);
            if (tenant != null) {
                Contract.requireId("tenant", tenant);
            }
            if (by != null) {
                Contract.requireId("by (who asked)", by);
            }
        }

        @Override
        public CommandKind kind() {
            return CommandKind.CHARGE_STOP;
        }
    }

    /**
     * Cut a port's power now (a fire safety officer's decision), recorded in the officer's name
     * {@code by}; {@code reason} is a code such as {@code fire_officer}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pile", "port", "reason", "by"})
    record PortCut(String pile, int port, String reason, String by) implements CommandBody {
        public PortCut {
            Contract.requireId("pile", pile);
            requirePort(port);
            Contract.requireType("reason", reason);
            if (by != null) {
                Contract.requireId("by (an officer id)", by);
            }
        }

        @Override
        public CommandKind kind() {
            return CommandKind.PORT_CUT;
        }
    }

    /**
     * Cut every port of a charging area now (a fire safety officer's decision), in the officer's
     * name {@code by}. {@code area} is the area's id in the gateway's site file.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"area", "reason", "by"})
    record AreaCut(String area, String reason, String by) implements CommandBody {
        public AreaCut {
            Contract.requireId("area", area);
            Contract.requireType("reason", reason);
            if (by != null) {
                Contract.requireId("by (an officer id)", by);
            }
        }

        @Override
        public CommandKind kind() {
            return CommandKind.AREA_CUT;
        }
    }

    /**
     * Restore a charging area (a fire safety officer's decision, in their name {@code by}): the
     * gateway refuses while a fire input of the area is still active, and otherwise ends the
     * area's fire and releases its ports' fire and officer's-cut holds.
     */
    record AreaRestore(String area, String by) implements CommandBody {
        public AreaRestore {
            Contract.requireId("area", area);
            Contract.requireId("by (an officer id)", by);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.AREA_RESTORE;
        }
    }

    /**
     * An officer acknowledged an alarm. {@code alarm} is the alarm's id as the gateway's
     * {@code alarm.raised} event gives it: one id for the alarm's whole life, stable across restarts.
     */
    record AlarmAck(String alarm, String by) implements CommandBody {
        private static final Pattern ALARM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./:-]{0,127}");

        public AlarmAck {
            if (alarm == null || !ALARM_ID.matcher(alarm).matches()) {
                throw new IllegalArgumentException("alarm must be an alarm id (1 to 128 letters, digits and _ . / : -)");
            }
            Contract.requireId("by (an officer id)", by);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.ALARM_ACK;
        }
    }

    /**
     * "Take me home": enable in {@code lift} the floors of the tenant's rooms for the lift's set time,
     * judged by the gateway's own roster and floors like a card in the car.
     */
    record LiftHome(String lift, String onBehalfOf) implements CommandBody {
        public LiftHome {
            Contract.requireId("lift", lift);
            Contract.requireId("onBehalfOf (a tenant id)", onBehalfOf);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.LIFT_HOME;
        }
    }

    /** An officer ends a lift's fire release (refused while a fire input is still active). */
    record LiftRestore(String lift, String by) implements CommandBody {
        public LiftRestore {
            Contract.requireId("lift", lift);
            Contract.requireId("by (an officer id)", by);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.LIFT_RESTORE;
        }
    }

    /** An officer resets a tenant's anti-passback at the gates: the tenant is counted out of the building. */
    record GateReset(String tenant, String by) implements CommandBody {
        public GateReset {
            Contract.requireId("tenant", tenant);
            Contract.requireId("by (an officer id)", by);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.GATE_RESET;
        }
    }

    /**
     * Run this site file instead of the one the gateway runs: the whole file's {@code text}, the
     * park's {@code version} of it and its {@code digest} ({@code sha256:} and the hex SHA-256 of the
     * text's UTF-8, as births and statuses name a configuration: {@code device-profiles}' {@code
     * Site.configVersionOf}, which the park and the gateway compute it with; this link knows nothing of
     * devices, so it checks the digest's form and the gateway checks it is the text's). The gateway validates it, keeps the
     * file it runs as the last good one, runs the new one, and goes back to the last good one by itself
     * when it has not reached the park and become ready within {@code confirmWithinSeconds} (10 to
     * 3600; absent, 120). {@code toString()} leaves the text out: it names key files and addresses.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"version", "digest", "confirmWithinSeconds", "text"})
    record SiteApply(long version, String digest, Integer confirmWithinSeconds, String text) implements CommandBody {
        /** How long a new file has to reach the park and be ready when the command does not say. */
        public static final int DEFAULT_CONFIRM_SECONDS = 120;
        /** A site file larger than this is not a building's wiring. */
        public static final int MAX_TEXT_CHARS = 256 * 1024;
        private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

        public SiteApply {
            if (version < 1) {
                throw new IllegalArgumentException("a site file version is positive");
            }
            if (text == null || text.isBlank() || text.length() > MAX_TEXT_CHARS) {
                throw new IllegalArgumentException("text must be the site file, 1 to " + MAX_TEXT_CHARS + " characters");
            }
            if (digest == null || !DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("digest must be sha256: and 64 lower-case hex digits");
            }
            if (confirmWithinSeconds != null && (confirmWithinSeconds < 10 || confirmWithinSeconds > 3600)) {
                throw new IllegalArgumentException("confirmWithinSeconds must be 10..3600");
            }
        }

        /** The time the gateway gives the new file to reach the park and be ready. */
        public int confirmSeconds() {
            return confirmWithinSeconds == null ? DEFAULT_CONFIRM_SECONDS : confirmWithinSeconds;
        }

        @Override
        public CommandKind kind() {
            return CommandKind.SITE_APPLY;
        }

        @Override
        public String toString() {
            return "SiteApply[version=" + version + ", " + digest + ", " + text.length() + " characters]";
        }
    }

    /**
     * The roster changes from {@code fromVersion} to {@code toVersion}: tenants added or updated
     * (whole records: credentials and doors are replaced) and tenants removed. A gateway that does
     * not hold exactly {@code fromVersion} applies nothing and replies {@code ROSTER_GAP} with the
     * version it holds; the park then sends a {@link RosterSnapshot}. Granting or revoking one tenant
     * is a delta with one upsert or one removal.
     */
    record RosterDelta(long fromVersion, long toVersion, List<RosterTenant> upserts, List<String> removals)
            implements CommandBody {
        public RosterDelta {
            if (fromVersion < 0 || toVersion <= fromVersion) {
                throw new IllegalArgumentException("a delta goes from a version to a higher one");
            }
            upserts = List.copyOf(Objects.requireNonNullElse(upserts, List.of()));
            removals = List.copyOf(Objects.requireNonNullElse(removals, List.of()));
            removals.forEach(id -> Contract.requireId("removed tenant", id));
        }

        @Override
        public CommandKind kind() {
            return CommandKind.ROSTER_DELTA;
        }

        @Override
        public String toString() {
            return "RosterDelta[" + fromVersion + "->" + toVersion + ", upserts=" + upserts.size()
                    + ", removals=" + removals.size() + "]";
        }
    }

    /** The whole roster at {@code version}; replaces what the gateway holds. */
    record RosterSnapshot(long version, List<RosterTenant> tenants) implements CommandBody {
        public RosterSnapshot {
            if (version < 1) {
                throw new IllegalArgumentException("a snapshot version is positive");
            }
            tenants = List.copyOf(Objects.requireNonNullElse(tenants, List.of()));
        }

        @Override
        public CommandKind kind() {
            return CommandKind.ROSTER_SNAPSHOT;
        }

        @Override
        public String toString() {
            return "RosterSnapshot[" + version + ", tenants=" + tenants.size() + "]";
        }
    }

    /**
     * A tenant as the gateway needs them: an opaque id, the name for the local console only, the
     * room (a lift takes them to its floor), a validity window (epoch milliseconds), credentials and
     * doors, and for a guest the {@code host} tenant whose floors a lift takes them to. No ID-card or
     * phone numbers: the gateway has no use for them, so the contract has no field for them.
     */
    @JsonPropertyOrder({"id", "displayName", "room", "validFrom", "validUntil", "credentials", "doors", "host", "maxUses"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RosterTenant(String id, String displayName, String room, long validFrom, long validUntil,
                        List<RosterCredential> credentials, List<String> doors, String host, Integer maxUses) {

        /** A tenant, or a guest whose uses are not counted. */
        public RosterTenant(String id, String displayName, String room, long validFrom, long validUntil,
                            List<RosterCredential> credentials, List<String> doors, String host) {
            this(id, displayName, room, validFrom, validUntil, credentials, doors, host, null);
        }

        /** A tenant who is nobody's guest. */
        public RosterTenant(String id, String displayName, String room, long validFrom, long validUntil,
                            List<RosterCredential> credentials, List<String> doors) {
            this(id, displayName, room, validFrom, validUntil, credentials, doors, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public RosterTenant {
            if (host != null) {
                Contract.requireId("host (the tenant a guest visits)", host);
            }
            if (maxUses != null && (maxUses < 1 || maxUses > 100)) {
                throw new IllegalArgumentException("tenant " + id + ": maxUses must be 1..100");
            }
            Contract.requireId("tenant id", id);
            if (displayName == null || displayName.isBlank() || displayName.length() > 64) {
                throw new IllegalArgumentException("tenant " + id + ": displayName must be 1 to 64 characters");
            }
            if (room == null || room.isBlank() || room.length() > 32) {
                throw new IllegalArgumentException("tenant " + id + ": room must be 1 to 32 characters");
            }
            if (validUntil <= validFrom) {
                throw new IllegalArgumentException("tenant " + id + ": validUntil must be after validFrom");
            }
            credentials = List.copyOf(Objects.requireNonNullElse(credentials, List.of()));
            doors = List.copyOf(Objects.requireNonNullElse(doors, List.of()));
            doors.forEach(d -> Contract.requireId("door", d));
        }

        @Override
        public String toString() {
            return "RosterTenant[id=" + id + ", validFrom=" + validFrom + ", validUntil=" + validUntil
                    + ", credentials=" + credentials.size() + ", doors=" + doors + (host == null ? "" : ", host=" + host)
                    + (maxUses == null ? "" : ", maxUses=" + maxUses) + "]";
        }
    }

    /**
     * A card ({@code facility:number}, as a Wiegand reader decodes it) or a PIN (4 to 12 digits; the
     * gateway stores only its keyed hash). Both travel inside TLS only and are never logged.
     */
    record RosterCredential(String kind, String value) {
        private static final Pattern CARD = Pattern.compile("[0-9]{1,5}:[0-9]{1,10}");
        private static final Pattern PIN = Pattern.compile("[0-9]{4,12}");

        public RosterCredential {
            if ("card".equals(kind)) {
                if (value == null || !CARD.matcher(value).matches()) {
                    throw new IllegalArgumentException("a card credential is facility:number");
                }
            } else if ("pin".equals(kind)) {
                if (value == null || !PIN.matcher(value).matches()) {
                    throw new IllegalArgumentException("a PIN credential is 4 to 12 digits");
                }
            } else {
                throw new IllegalArgumentException("a credential kind is card or pin, not " + Contract.quote(kind));
            }
        }

        @Override
        public String toString() {
            return "RosterCredential[" + kind + ", ****]";
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 64) {
            throw new IllegalArgumentException("port must be 1..64, not " + port);
        }
    }
}
