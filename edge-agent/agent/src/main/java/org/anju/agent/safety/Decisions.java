package org.anju.agent.safety;

import java.util.ArrayList;
import java.util.List;

/** Collects one evaluation's decisions, commands ahead of events, each in the order decided. */
final class Decisions {
    private final List<SafetyDecision> commands = new ArrayList<>();
    private final List<SafetyDecision> events = new ArrayList<>();

    void command(SafetyDecision.Command c) {
        commands.add(c);
    }

    void event(SafetyDecision e) {
        if (e.isCommand()) {
            throw new IllegalArgumentException("a command is not an event: " + e);
        }
        events.add(e);
    }

    void addAll(List<SafetyDecision> decisions) {
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.Command c) {
                command(c);
            } else {
                event(d);
            }
        }
    }

    List<SafetyDecision> commands() {
        return commands;
    }

    List<SafetyDecision> toList() {
        List<SafetyDecision> all = new ArrayList<>(commands.size() + events.size());
        all.addAll(commands);
        all.addAll(events);
        return List.copyOf(all);
    }
}
