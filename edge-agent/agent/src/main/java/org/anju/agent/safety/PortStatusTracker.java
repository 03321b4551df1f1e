package org.anju.agent.safety;

import java.time.Instant;
import java.util.Optional;

import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.OcppStatus;

/**
 * The port status the gateway reports, OCPP style. A Faulted or Unavailable status is reported at
 * once; any other change must be seen on two readings in a row, so a port whose power wavers
 * around the full-charge threshold does not flood StatusNotifications between Charging and
 * SuspendedEV.
 */
final class PortStatusTracker {

    record Status(OcppStatus status, OcppErrorCode errorCode, String info) {
    }

    private Status reported;
    private Status candidate;

    Optional<Status> observe(Status now) {
        if (now.equals(reported)) {
            candidate = null;
            return Optional.empty();
        }
        boolean urgent = now.status() == OcppStatus.FAULTED || now.status() == OcppStatus.UNAVAILABLE;
        if (reported == null || urgent || now.equals(candidate)) {
            reported = now;
            candidate = null;
            return Optional.of(now);
        }
        candidate = now;
        return Optional.empty();
    }

    Status reported() {
        return reported;
    }

    static SafetyDecision.PortStatusChanged decision(String pileId, int port, Status s, Instant at) {
        return new SafetyDecision.PortStatusChanged(pileId, port, s.status(), s.errorCode(), s.info(), at);
    }
}
