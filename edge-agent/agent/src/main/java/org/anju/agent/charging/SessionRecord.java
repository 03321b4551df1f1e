package org.anju.agent.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a charging session is, as the store keeps it: write it when a session starts, when
 * it ends, and as often as the store can afford in between (every minute is plenty: the counter
 * carries the energy across the gap). A gateway that restarts hands the open records back to
 * {@link ChargingSession#resume} and metering carries on from the counter, even if the pile
 * rebooted or the counter wrapped meanwhile.
 *
 * @param sessionId  {@code pile/port/startEpochMillis}: unique because a port has one session at a time
 * @param startedBy  who started it: a tenant id, or {@code pile} for a card or button at the pile
 * @param meter      the energy meter; {@code meter.energyWh()} is the session's energy
 * @param endedAt    null while the session is open
 * @param endReason  null while the session is open
 * @param endedBy    who ended it when a person did (the tenant, the landlord, an officer: an id), else null
 * @param limits     what the tenant chose at the start ({@link SessionLimits#NONE} when nothing), as enforced
 */
public record SessionRecord(String sessionId, String pileId, int port, String startedBy, Instant startedAt,
                            EnergyMeter meter, Instant endedAt, EndReason endReason, String endedBy, SessionLimits limits) {

    public static final String STARTED_AT_PILE = "pile";

    public SessionRecord {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(meter, "meter");
        if ((endedAt == null) != (endReason == null)) {
            throw new IllegalArgumentException("a session has both an end time and an end reason, or neither");
        }
        if (limits == null) {
            limits = SessionLimits.NONE; // a record stored before tenants chose limits
        }
    }

    /** A session with no limits of the tenant's. */
    public SessionRecord(String sessionId, String pileId, int port, String startedBy, Instant startedAt, EnergyMeter meter,
                         Instant endedAt, EndReason endReason, String endedBy) {
        this(sessionId, pileId, port, startedBy, startedAt, meter, endedAt, endReason, endedBy, SessionLimits.NONE);
    }

    public static String idFor(String pileId, int port, Instant startedAt) {
        return pileId + "/" + port + "/" + startedAt.toEpochMilli();
    }

    public boolean isOpen() {
        return endReason == null;
    }

    public long energyWh() {
        return meter.energyWh();
    }

    public Optional<EndReason> ended() {
        return Optional.ofNullable(endReason);
    }

    /** How long the session has run at {@code now}, or ran if it has ended. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now);
    }

    SessionRecord withMeter(EnergyMeter next) {
        return new SessionRecord(sessionId, pileId, port, startedBy, startedAt, next, endedAt, endReason, endedBy, limits);
    }

    SessionRecord endedWith(EndReason reason, String by, Instant at) {
        return new SessionRecord(sessionId, pileId, port, startedBy, startedAt, meter, at, reason, by, limits);
    }
}
