package org.anju.agent.door;

import java.time.Duration;

import org.anju.profiles.model.LockBinding;

/** Where doors with a wireless lock get it from: the CoAP endpoint, when the site runs one. */
public interface WirelessLocks {

    sealed interface Lookup {
    }

    /** The lock, and how long its commands may take (a sleeping lock answers later than a relay). */
    record Ready(LockActuator lock, Duration commandTimeout) implements Lookup {
    }

    record Unavailable(String reason) implements Lookup {
    }

    Lookup lockFor(String doorId, LockBinding.Wireless binding);

    static WirelessLocks none(String reason) {
        return (doorId, binding) -> new Unavailable(reason);
    }
}
