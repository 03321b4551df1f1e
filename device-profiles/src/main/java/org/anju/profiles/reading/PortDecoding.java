package org.anju.profiles.reading;

import java.util.List;

/** The result of decoding one port from one poll. */
public sealed interface PortDecoding {

    /** Power and energy were read and are values; the rest as far as the device reports it. */
    record Read(PortValues values) implements PortDecoding {
    }

    /** This poll did not cover the port's power or energy (a read went unanswered or the port is not in it). */
    record NotRead(List<String> roles) implements PortDecoding {
        public NotRead {
            roles = List.copyOf(roles);
        }
    }

    /** Power or energy was read but is no value: the device is faulty and must not be trusted for this poll. */
    record Invalid(String role, String reason) implements PortDecoding {
    }
}
