package org.anju.bridge.contract;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The payload of a {@code command.completed} event: how a command answered {@code PENDING} ended.
 * It goes through the gateway's outbox like every event, so it reaches the park exactly once
 * even across a crash or an outage, whoever was waiting for the reply.
 *
 * @param requestId   the command's id (a local command's id when it came through the gateway's API)
 * @param kind        the command's kind ({@code port.cut}, {@code charge.stop}, {@code area.cut})
 * @param by          who asked (an officer, a landlord, a tenant id, or {@code park}); never a name
 * @param result      OK (done: every port read back off), UNCHANGED (every port was off already) or FAILED
 * @param detail      for a person: when it was done, or what failed and what the gateway did about it
 * @param completedAt gateway wall clock, epoch milliseconds
 * @param ports       each port the command acted on, with its own outcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requestId", "kind", "by", "result", "detail", "completedAt", "ports"})
public record CommandCompletion(String requestId, String kind, String by, ReplyResult result, String detail,
                                long completedAt, List<PortOutcome> ports) {

    /** The event type of this payload in the outbox. */
    public static final String TYPE = "command.completed";

    private static final Set<ReplyResult> FINAL = Set.of(ReplyResult.OK, ReplyResult.UNCHANGED, ReplyResult.FAILED);

    public CommandCompletion {
        Contract.requireId("requestId", requestId);
        Contract.requireType("kind", kind);
        if (by != null) {
            Contract.requireId("by", by);
        }
        requireFinal(result);
        if (detail != null && detail.length() > 500) {
            detail = detail.substring(0, 500);
        }
        ports = List.copyOf(Objects.requireNonNullElse(ports, List.of()));
    }

    /**
     * One port's outcome.
     *
     * @param offAt  when the port read back off (epoch milliseconds), for OK and UNCHANGED
     * @param detail what failed, for FAILED
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pile", "port", "result", "offAt", "detail"})
    public record PortOutcome(String pile, int port, ReplyResult result, Long offAt, String detail) {
        public PortOutcome {
            Contract.requireId("pile", pile);
            if (port < 1 || port > 64) {
                throw new IllegalArgumentException("port must be 1..64, not " + port);
            }
            requireFinal(result);
            if (detail != null && detail.length() > 500) {
                detail = detail.substring(0, 500);
            }
        }
    }

    private static void requireFinal(ReplyResult result) {
        if (!FINAL.contains(result)) {
            throw new IllegalArgumentException("a completion is OK, UNCHANGED or FAILED, not " + result);
        }
    }
}
