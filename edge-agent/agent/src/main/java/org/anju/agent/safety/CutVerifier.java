package org.anju.agent.safety;

import java.time.Instant;
import java.util.Locale;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.PortReading;

/**
 * Whether a port that should be off is off. A cut is confirmed by a reading that shows the relay
 * open <em>and</em> no more than {@code relayOffWatts} flowing: a welded relay reads open on its
 * coil while the bike still draws. The same check runs when nobody commanded a cut: a port whose
 * relay reads open but which draws power is a switch failure too (the firmware cut it and the
 * contacts did not part).
 */
final class CutVerifier {

    enum Failure { NONE, STUCK, UNVERIFIED }

    /** How a commanded cut ended, once: read back off, or failed (see {@link #failure()}). */
    enum Settled { NONE, OFF, FAILED }

    private final SafetyLimits limits;
    private Instant deadline;
    private EndReason reason;
    private boolean reissued;
    private Instant leakSince;
    /** The last reading since the cut was commanded that showed the port still on; null when none came. */
    private PortReading onSinceArmed;
    private Failure failure = Failure.NONE;
    private Failure newFailure = Failure.NONE;
    private Settled settled = Settled.NONE;
    private String detail = "";

    CutVerifier(SafetyLimits limits) {
        this.limits = limits;
    }

    void arm(Instant commandedAt, EndReason why) {
        if (deadline == null) {
            deadline = commandedAt.plus(limits.cutVerifyTimeout());
            reason = why;
            reissued = false;
            onSinceArmed = null;
        } else if (why.isHazard()) {
            reason = why; // a fire during a full-charge cut is what the record must say
        }
    }

    boolean armed() {
        return deadline != null;
    }

    Instant deadline() {
        return deadline;
    }

    EndReason reason() {
        return reason;
    }

    boolean off(PortReading r) {
        return !r.relayClosed() && r.watts() <= limits.relayOffWatts();
    }

    /**
     * Checks one reading. Returns true if the cut command should be sent once more (the relay coil
     * still reads closed: the first write may have been lost on a noisy bus).
     */
    boolean onReading(PortReading r) {
        if (off(r)) {
            if (deadline != null) {
                settled = Settled.OFF;
            }
            deadline = null;
            leakSince = null;
            onSinceArmed = null;
            failure = Failure.NONE;
            return false;
        }
        if (deadline == null && failure == Failure.UNVERIFIED) {
            // readings are back and the port is still on: the command may never have reached the
            // pile (the bus was down), so send it again and give it the usual time
            deadline = r.at().plus(limits.cutVerifyTimeout());
            reissued = true;
            return true;
        }
        if (deadline != null) {
            if (r.at().isAfter(deadline)) {
                fail(Failure.STUCK, stuck(r));
                return false;
            }
            onSinceArmed = r;
            if (r.relayClosed() && !reissued) {
                reissued = true;
                return true;
            }
            return false;
        }
        if (!r.relayClosed()) {
            if (leakSince == null) {
                leakSince = r.at();
            } else if (r.at().isAfter(leakSince.plus(limits.cutVerifyTimeout()))) {
                fail(Failure.STUCK, String.format(Locale.ROOT, "relay reads open but %.0f W has flowed for over %d s: "
                        + "welded contacts", r.watts(), limits.cutVerifyTimeout().toSeconds()));
            }
        } else {
            leakSince = null;
        }
        return false;
    }

    /**
     * Time passed: a commanded cut past its deadline has failed. It is stuck when the port was read
     * since the command and still showed on (the meter of a slowly polled port may not be read
     * again until after the deadline: what it last showed is what is known), unverified when no
     * reading came at all.
     */
    void onTick(Instant now) {
        if (deadline != null && now.isAfter(deadline)) {
            if (onSinceArmed != null) {
                fail(Failure.STUCK, stuck(onSinceArmed));
            } else {
                fail(Failure.UNVERIFIED, "no reading of the port in the " + limits.cutVerifyTimeout().toSeconds()
                        + " s after the cut command (" + reason + "): the cut cannot be confirmed");
            }
        }
    }

    private String stuck(PortReading r) {
        return r.relayClosed()
                ? String.format(Locale.ROOT, "relay still reads closed and %.0f W flows %d s after the cut "
                        + "command (%s)", r.watts(), limits.cutVerifyTimeout().toSeconds(), reason)
                : String.format(Locale.ROOT, "relay reads open but %.0f W still flows %d s after the cut "
                        + "command (%s): welded contacts", r.watts(), limits.cutVerifyTimeout().toSeconds(), reason);
    }

    /** How the commanded cut ended at the last check, once: {@link Settled#NONE} afterwards until it ends again. */
    Settled takeSettled() {
        Settled s = settled;
        settled = Settled.NONE;
        return s;
    }

    /** The failure found by the last check, once: {@link Failure#NONE} afterwards until a new one. */
    Failure takeNewFailure() {
        Failure f = newFailure;
        newFailure = Failure.NONE;
        return f;
    }

    /** A switch failure is present (live condition; its alarm latches). */
    boolean failed() {
        return failure != Failure.NONE;
    }

    Failure failure() {
        return failure;
    }

    String detail() {
        return detail;
    }

    private void fail(Failure kind, String why) {
        if (deadline != null) {
            settled = Settled.FAILED;
        }
        deadline = null;
        onSinceArmed = null;
        leakSince = null;
        if (failure == Failure.NONE || (failure == Failure.UNVERIFIED && kind == Failure.STUCK)) {
            newFailure = kind;
        }
        failure = kind;
        detail = why;
    }
}
