package org.anju.agent.charging;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's command as the cause of what the rules decide: a tenant's stop, an officer's cut.
 * A cut asked for before the port was ever read has no reading to blame, and a failed cut's alarm
 * should say who asked for it anyway.
 *
 * @param source what it is about: {@code pile-1/3} or {@code area:A}
 * @param kind   the command: {@code charge.stop}, {@code port.cut}, {@code area.cut}
 * @param by     who asked (an id, never a name)
 */
public record Request(String source, String kind, String by, Instant at) implements Reading {
    public Request {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
