package org.anju.agent.access;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;

import org.anju.bridge.command.NonceCache;
import org.anju.bridge.contract.TenantPass;

/**
 * Judges a park-signed tenant pass presented at a door through the local API, in this order: a
 * trusted park key signed it, it is for this park, the door is one it names, now is inside its
 * window, the gateway's roster still lets the tenant through that door, and its nonce was never
 * used (remembered durably, so a pass opens once). Every refusal says which.
 */
public final class PassCheck {
    private final String park;
    private final Map<String, PublicKey> parkKeys;
    private final NonceCache nonces;
    private final AccessDecider decider;

    public PassCheck(String park, Map<String, PublicKey> parkKeys, NonceCache nonces, AccessDecider decider) {
        this.park = park;
        this.parkKeys = Map.copyOf(parkKeys);
        this.nonces = nonces;
        this.decider = decider;
    }

    /** Granted to the pass's tenant, or refused with the reason (text for the phone, no personal data). */
    public sealed interface Result {
        record Granted(String tenant) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }

    public Result check(TenantPass pass, String door, Instant now) {
        PublicKey key = parkKeys.get(pass.keyId());
        if (key == null || !pass.verifies(key)) {
            return new Result.Refused("not signed by this park");
        }
        if (!pass.park().equals(park)) {
            return new Result.Refused("a pass of another park");
        }
        if (!pass.doors().contains(door)) {
            return new Result.Refused("this pass does not open " + door);
        }
        if (now.toEpochMilli() < pass.validFrom() || now.toEpochMilli() >= pass.validUntil()) {
            return new Result.Refused("the pass is outside its validity");
        }
        AccessDecision judged = decider.decideTenant(pass.tenant(), door, now);
        if (judged instanceof AccessDecision.Denied d) {
            return new Result.Refused("denied by the roster: " + d.reason());
        }
        NonceCache.Outcome seen = nonces.check(pass.nonce(), pass.validUntil());
        if (seen != NonceCache.Outcome.FRESH) {
            return new Result.Refused(seen == NonceCache.Outcome.REPLAYED ? "this pass was used already"
                    : "the gateway cannot record the pass now; try again");
        }
        return new Result.Granted(pass.tenant());
    }
}
