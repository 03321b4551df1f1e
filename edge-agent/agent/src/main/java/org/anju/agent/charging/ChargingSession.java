package org.anju.agent.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The open session on one port: started from a reading, metered from the pile's counter by each
 * later reading, ended once with a reason. Its whole state is {@link #record()}, so a session
 * survives a gateway restart by being persisted and handed to {@link #resume}.
 * Not thread-safe: it belongs to one port's supervisor.
 */
public final class ChargingSession {
    private SessionRecord record;

    private ChargingSession(SessionRecord record) {
        this.record = record;
    }

    /** A session that starts at this reading, metering from its counter value. */
    public static ChargingSession start(PortReading first, String startedBy) {
        return start(first, startedBy, SessionLimits.NONE);
    }

    /** As {@link #start(PortReading, String)}, with the limits the tenant chose. */
    public static ChargingSession start(PortReading first, String startedBy, SessionLimits limits) {
        Objects.requireNonNull(startedBy, "startedBy");
        EnergyMeter meter = EnergyMeter.startAt(first.energyCounterWh(), first.at(), first.counterModulusWh());
        return new ChargingSession(new SessionRecord(SessionRecord.idFor(first.pileId(), first.port(), first.at()),
                first.pileId(), first.port(), startedBy, first.at(), meter, null, null, null, limits));
    }

    /** Carries on a session persisted before the gateway restarted; the next reading meters the gap. */
    public static ChargingSession resume(SessionRecord persisted) {
        if (!persisted.isOpen()) {
            throw new IllegalArgumentException("session " + persisted.sessionId() + " has ended; only open sessions resume");
        }
        return new ChargingSession(persisted);
    }

    /** Meters one reading and says what the counter did (a restart means the pile rebooted). */
    public EnergyMeter.Jump meter(PortReading reading, double plausibleWatts) {
        requireOpen();
        EnergyMeter.Step step = record.meter().advance(reading.energyCounterWh(), reading.at(), plausibleWatts);
        record = record.withMeter(step.meter());
        return step.jump();
    }

    public SessionRecord end(EndReason reason, Instant at) {
        return end(reason, null, at);
    }

    /** Ends the session; {@code by} is the person who ended it (an id), or null when nobody did. */
    public SessionRecord end(EndReason reason, String by, Instant at) {
        requireOpen();
        record = record.endedWith(Objects.requireNonNull(reason, "reason"), by, at);
        return record;
    }

    public SessionRecord record() {
        return record;
    }

    public boolean isOpen() {
        return record.isOpen();
    }

    public long energyWh() {
        return record.energyWh();
    }

    public Duration age(Instant now) {
        return record.duration(now);
    }

    private void requireOpen() {
        if (!record.isOpen()) {
            throw new IllegalStateException("session " + record.sessionId() + " has already ended");
        }
    }
}
