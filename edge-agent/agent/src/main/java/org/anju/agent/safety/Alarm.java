package org.anju.agent.safety;

import java.time.Instant;
import java.util.Objects;

import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.Reading;

/**
 * One alarm, from raised through acknowledged (by whom) to cleared. It is one object with one id
 * for its whole life: a condition that persists or flaps does not raise it again.
 *
 * @param id         {@code source/KIND/raisedEpochMillis}: unique on the gateway, stable across a restart
 * @param errorCode  usually the kind's; a cut that could not be verified for want of readings says OtherError
 * @param cause      the reading that raised it
 */
public record Alarm(String id, AlarmKind kind, Severity severity, OcppErrorCode errorCode, String source,
                    String detail, Reading cause, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt,
                    Instant clearedAt) {

    public enum State { RAISED, ACKNOWLEDGED, CLEARED }

    public Alarm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    static Alarm raise(AlarmKind kind, OcppErrorCode errorCode, String source, String detail, Reading cause,
                       Instant at) {
        String id = source + "/" + kind.name() + "/" + at.toEpochMilli();
        return new Alarm(id, kind, kind.severity(), errorCode, source, detail, cause, at, null, null, null);
    }

    public State state() {
        if (clearedAt != null) {
            return State.CLEARED;
        }
        return acknowledgedBy != null ? State.ACKNOWLEDGED : State.RAISED;
    }

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    Alarm acknowledge(String by, Instant at) {
        return new Alarm(id, kind, severity, errorCode, source, detail, cause, raisedAt, by, at, clearedAt);
    }

    Alarm clear(Instant at) {
        return new Alarm(id, kind, severity, errorCode, source, detail, cause, raisedAt, acknowledgedBy,
                acknowledgedAt, at);
    }
}
