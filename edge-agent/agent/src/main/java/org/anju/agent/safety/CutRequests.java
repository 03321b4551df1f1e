package org.anju.agent.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stops and cuts waiting for their ports to settle: a person's command (one port, or every
 * port of an area) and the cut of an area on fire. Each port's {@link SafetyDecision.CutSettled}
 * is matched to every request waiting on that port; once all of a request's ports are settled it
 * is completed, once, with what each port did. Pure, like the supervisors; confine it to their thread.
 */
final class CutRequests {
    /** One request: who asked for what, and its ports' settlements so far, by source ({@code pile-1/3}). */
    private record Waiting(String requestId, String kind, String by, String area, Map<String, SafetyDecision.CutSettled> ports) {
    }

    private final List<Waiting> waiting = new ArrayList<>();

    /**
     * Waits for {@code ports} ({@code pile-1/3}, ...) on behalf of a request; with none to wait for
     * (an area without piles), it is complete at once.
     */
    List<SafetyDecision> add(String requestId, String kind, String by, String area, Set<String> ports, Instant at) {
        Map<String, SafetyDecision.CutSettled> map = new LinkedHashMap<>();
        ports.forEach(p -> map.put(p, null));
        Waiting w = new Waiting(requestId, kind, by, area, map);
        if (map.isEmpty()) {
            return List.of(complete(w, at));
        }
        waiting.add(w);
        return List.of();
    }

    /** The ports of request {@code requestId} not settled yet, in the order it named them. */
    Set<String> unsettled(String requestId) {
        Set<String> open = new java.util.LinkedHashSet<>();
        waiting.stream().filter(w -> requestId.equals(w.requestId())).findFirst()
                .ifPresent(w -> w.ports().forEach((port, settled) -> {
                    if (settled == null) {
                        open.add(port);
                    }
                }));
        return open;
    }

    /**
     * Takes the settlements out of {@code decisions} (they are for this class only) and puts the
     * completions they bring after the rest, so the events of a session's end come before the
     * completion that reports it.
     */
    List<SafetyDecision> settle(List<SafetyDecision> decisions) {
        if (decisions.stream().noneMatch(d -> d instanceof SafetyDecision.CutSettled)) {
            return decisions;
        }
        List<SafetyDecision> out = new ArrayList<>(decisions.size());
        List<SafetyDecision> completed = new ArrayList<>();
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.CutSettled s) {
                completed.addAll(onSettled(s));
            } else {
                out.add(d);
            }
        }
        out.addAll(completed);
        return out;
    }

    private List<SafetyDecision> onSettled(SafetyDecision.CutSettled s) {
        List<SafetyDecision> completed = new ArrayList<>();
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
            Waiting w = it.next();
            if (w.ports().containsKey(s.source()) && w.ports().get(s.source()) == null) {
                w.ports().put(s.source(), s);
                if (!w.ports().containsValue(null)) {
                    it.remove();
                    completed.add(complete(w, s.at()));
                }
            }
        }
        return completed;
    }

    private static SafetyDecision.CutCompleted complete(Waiting w, Instant at) {
        List<SafetyDecision.CutSettled> ports = List.copyOf(w.ports().values());
        List<SafetyDecision.CutSettled> failed = ports.stream()
                .filter(p -> p.settlement() == SafetyDecision.Settlement.NOT_OFF).toList();
        SafetyDecision.Settlement result;
        String detail;
        if (!failed.isEmpty()) {
            result = SafetyDecision.Settlement.NOT_OFF;
            detail = failed.stream().map(p -> name(p) + ": " + p.detail()).collect(Collectors.joining("; "))
                    + (failed.size() < ports.size() ? "; the other " + (ports.size() - failed.size())
                    + (ports.size() - failed.size() == 1 ? " port" : " ports") + " read back off" : "");
        } else if (!ports.isEmpty() && ports.stream().allMatch(p -> p.settlement() == SafetyDecision.Settlement.ALREADY_OFF)) {
            result = SafetyDecision.Settlement.ALREADY_OFF;
            detail = ports.size() == 1 ? name(ports.get(0)) + " was off already (read back off at " + seconds(ports.get(0).at()) + ")"
                    : "every port was off already (read back off by " + seconds(at) + ")";
        } else {
            result = ports.isEmpty() ? SafetyDecision.Settlement.ALREADY_OFF : SafetyDecision.Settlement.OFF;
            detail = ports.isEmpty() ? "nothing to cut: no port was on"
                    : ports.size() == 1 ? name(ports.get(0)) + " read back off at " + seconds(ports.get(0).at())
                    : "every port read back off by " + seconds(at);
        }
        return new SafetyDecision.CutCompleted(w.requestId(), w.kind(), w.by(), w.area(), result, detail, at, ports);
    }

    /** A time as people read it in a detail: to the second. */
    static String seconds(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String name(SafetyDecision.CutSettled p) {
        return p.pileId() + " port " + p.port();
    }
}
