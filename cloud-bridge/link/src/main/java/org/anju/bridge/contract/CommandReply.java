package org.anju.bridge.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The gateway's answer to a command, on {@code .../cmd/reply}.
 *
 * @param requestId     the command's id; absent only when the command was too broken to have one
 * @param ts            gateway wall clock, epoch milliseconds
 * @param detail        what a person can act on; never personal data
 * @param rosterVersion the roster version the gateway holds, on replies to roster commands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "requestId", "park", "gateway", "ts", "result", "detail", "rosterVersion"})
public record CommandReply(int v, String requestId, String park, String gateway, long ts, ReplyResult result,
                           String detail, Long rosterVersion) {
    public CommandReply {
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        if (requestId != null) {
            Contract.requireId("requestId", requestId);
        }
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
        if (result == null) {
            throw new IllegalArgumentException("a reply needs a result");
        }
        if (detail != null && detail.length() > 500) {
            detail = detail.substring(0, 500);
        }
        if (rosterVersion != null && rosterVersion < 0) {
            throw new IllegalArgumentException("rosterVersion must not be negative");
        }
    }

    public static CommandReply of(Topics topics, String requestId, long ts, ReplyResult result, String detail,
                                  Long rosterVersion) {
        return new CommandReply(Contract.VERSION, requestId, topics.park(), topics.gateway(), ts, result, detail,
                rosterVersion);
    }
}
