package org.anju.agent.bus;

import java.util.function.Supplier;

/**
 * One exchange to schedule on a bus: the frame to send, who it is for, and how to read the reply
 * (a fresh reader per attempt). A request that expects no reply (a broadcast) completes once sent.
 */
public record BusRequest<T>(String device, byte[] frame, Supplier<ReplyReader<T>> reader, boolean expectsReply) {
}
