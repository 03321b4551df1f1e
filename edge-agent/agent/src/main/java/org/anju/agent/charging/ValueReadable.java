package org.anju.agent.charging;

import java.time.Instant;

/** The device behind {@code source} sends numbers again after a {@link ValueUnreadable}: it is judged again. */
public record ValueReadable(String source, String device, Instant at) {
}
