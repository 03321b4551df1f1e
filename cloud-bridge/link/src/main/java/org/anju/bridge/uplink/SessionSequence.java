package org.anju.bridge.uplink;

import java.io.IOException;

/**
 * Numbers the gateway's MQTT connections, for the birth and the death (will) messages. Values
 * must be strictly increasing across connections and across restarts of the agent: the park
 * tells a stale death (an old connection the broker noticed late) from a fresh one by comparing
 * them. Called on the uplink's thread before every connection attempt; it may block briefly.
 * {@link FileSessionSequence} keeps the counter in a small file; the agent may keep it in its
 * SQLite store instead.
 */
@FunctionalInterface
public interface SessionSequence {
    long next() throws IOException;
}
