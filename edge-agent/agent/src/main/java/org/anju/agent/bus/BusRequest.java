package org.anju.agent.bus;

import java.util.function.Supplier;

/**
 * One exchange to schedule on a bus: the frame to send, who it is for, and how to read the reply
 * (a fresh reader per attempt). A request that expects no reply (a broadcast) completes once sent.
 * A {@code repeatable} request is sent again when its reply does not come (the bus's retries); one
 * that is not is sent once, since a lost reply does not mean the device did not act: a turnstile's
 * "let one through" sent twice lets two through.
 */
public record BusRequest<T>(String device, byte[] frame, Supplier<ReplyReader<T>> reader, boolean expectsReply,
                            boolean repeatable) {

    /** A request that may be sent again, as reads and writes of a state are. */
    public BusRequest(String device, byte[] frame, Supplier<ReplyReader<T>> reader, boolean expectsReply) {
        this(device, frame, reader, expectsReply, true);
    }

    /** This request sent once, however the reply goes. */
    public BusRequest<T> once() {
        return new BusRequest<>(device, frame, reader, expectsReply, false);
    }
}
