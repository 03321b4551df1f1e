package org.anju.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.anju.agent.charging.PortReading;
import org.anju.agent.command.ChargingAnswer;
import org.anju.agent.safety.SafetyDecision;
import org.anju.bridge.contract.CommandCompletion;
import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ReplyResult;

/**
 * The words of a stop's or a cut's answers: at once when the ports read back off (or failed) in
 * time, "pending" with what each port is waiting for otherwise, and the {@code command.completed}
 * event that ends a pending one. Pure: what the read-back showed in, words out.
 */
final class CutAnswers {
    private CutAnswers() {
    }

    /** What an area's restore switched back: "released pile-1/1, pile-1/2; still held off (too hot): pile-2/1". */
    static String restored(SafetyDecision.AreaRestored r) {
        String released = r.released().isEmpty() ? "charging area " + r.areaId() + " restored; no port was held off"
                : "charging area " + r.areaId() + " restored; ports released: " + String.join(", ", r.released());
        return r.stillHeld().isEmpty() ? released : released + "; still held off by another hold: " + String.join(", ", r.stillHeld());
    }

    /** A completed stop or cut as its reply. */
    static ChargingAnswer answer(SafetyDecision.CutCompleted c) {
        return ChargingAnswer.of(switch (c.result()) {
            case OFF -> ChargingAnswer.Result.DONE;
            case ALREADY_OFF -> ChargingAnswer.Result.ALREADY_OFF;
            case NOT_OFF -> ChargingAnswer.Result.FAILED;
        }, c.detail());
    }

    /** A completed stop or cut whose reply said "pending", as the {@code command.completed} event's payload. */
    static CommandCompletion completion(SafetyDecision.CutCompleted c) {
        return new CommandCompletion(c.requestId(), c.kind(), Contract.isId(c.by()) ? c.by() : null, result(c.result()),
                c.detail(), c.at().toEpochMilli(), c.ports().stream().map(p -> new CommandCompletion.PortOutcome(p.pileId(),
                        p.port(), result(p.settlement()),
                        p.settlement() == SafetyDecision.Settlement.NOT_OFF ? null : p.at().toEpochMilli(),
                        p.detail().isEmpty() ? null : p.detail())).toList());
    }

    private static ReplyResult result(SafetyDecision.Settlement s) {
        return switch (s) {
            case OFF -> ReplyResult.OK;
            case ALREADY_OFF -> ReplyResult.UNCHANGED;
            case NOT_OFF -> ReplyResult.FAILED;
        };
    }

    /**
     * What a stop or cut still waits for, port by port, after its relay writes and read-backs:
     * {@code written} is each port's write refusal (null: acknowledged), {@code read} what its
     * read-back showed (null: it gave no reading), {@code readProblem} why a pile gave none.
     */
    static ChargingAnswer pending(Set<String> ports, Map<String, String> written, Map<String, PortReading> read,
                                  Map<String, String> readProblem, Instant until) {
        String each = ports.stream().map(source -> {
            String refused = written.get(source);
            PortReading r = read.get(source);
            String what;
            if (refused != null) {
                what = "the cut was not taken (" + refused + ")";
            } else if (r == null) {
                String pile = source.substring(0, source.lastIndexOf('/'));
                what = "cut sent; no read-back (" + readProblem.getOrDefault(pile, "not read yet") + ")";
            } else if (r.relayClosed()) {
                what = String.format(java.util.Locale.ROOT, "its relay still reads closed (%.0f W); the cut is sent again",
                        r.watts());
            } else {
                what = String.format(java.util.Locale.ROOT, "its relay reads open but %.0f W still flows", r.watts());
            }
            return source.replace("/", " port ") + ": " + what;
        }).collect(Collectors.joining("; "));
        return ChargingAnswer.of(ChargingAnswer.Result.PENDING, each + "; waiting for it to read off until " + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " (a command.completed event follows)");
    }

    /** What a start came to: the write's refusal (null: taken), and the port's read-back (null: none). */
    static ChargingAnswer started(String source, String refused, PortReading read, String readProblem) {
        String name = source.replace("/", " port ");
        if (refused != null) {
            return ChargingAnswer.of(ChargingAnswer.Result.FAILED, name + ": " + refused);
        }
        if (read == null) {
            return ChargingAnswer.of(ChargingAnswer.Result.SENT, name + ": switched on; no read-back ("
                    + (readProblem == null ? "not read" : readProblem) + "); charging.session_started tells when it runs");
        }
        return read.relayClosed() ? ChargingAnswer.of(ChargingAnswer.Result.DONE, name + " reads on at " + read.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                : ChargingAnswer.of(ChargingAnswer.Result.FAILED, name + ": the pile took the command but its relay reads open");
    }

    /** The ports a batch of decisions reads back after a cut, and the latest deadline among them. */
    static List<SafetyDecision.VerifyCut> verified(List<SafetyDecision> decisions) {
        return decisions.stream().filter(d -> d instanceof SafetyDecision.VerifyCut).map(d -> (SafetyDecision.VerifyCut) d)
                .toList();
    }
}
