package org.anju.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the gateway's start has opened so far, each with what closes it. Closing runs them in
 * reverse order, so a part stops before what it stands on (the doors before the buses, the
 * Vert.x instance before the outbox, GPIO last); one that fails to close does not keep the rest
 * open. The same list stops a running gateway and cleans up after a stage that failed.
 */
final class OpenedParts {
    private record Part(String name, AutoCloseable closing) {
    }

    private final Deque<Part> opened = new ArrayDeque<>();

    /** Keeps {@code closing} to run at {@link #close()}; returns nothing so a stage reads top to bottom. */
    synchronized void keep(String name, AutoCloseable closing) {
        opened.push(new Part(name, closing));
    }

    /** Closes everything kept, the last kept first; the problems met, one line each (empty when all closed). */
    List<String> close() {
        List<String> problems = new ArrayList<>();
        for (Part part = next(); part != null; part = next()) {
            try {
                part.closing().close();
            } catch (Exception e) {
                problems.add(part.name() + " did not close: " + e);
            }
        }
        problems.forEach(p -> System.getLogger(Gateway.class.getName()).log(System.Logger.Level.WARNING, p));
        return problems;
    }

    private synchronized Part next() {
        return opened.poll();
    }
}
