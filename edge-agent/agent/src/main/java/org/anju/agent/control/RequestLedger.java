package org.anju.agent.control;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The commands a runtime was given, by the caller's id: a command resent with the same id while
 * pending, or within the last {@value #REMEMBERED} answers, gets the same answer without acting
 * twice (the uplink may redeliver a park command after a reconnect, and a door must not open twice
 * for it). Only its runtime's context touches it.
 *
 * @param <R> the answer
 */
public final class RequestLedger<R> {
    private static final int REMEMBERED = 256;

    private final Map<String, Promise<R>> waiting = new HashMap<>();
    private final Map<String, R> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, R> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The answer (or the pending answer) of an earlier command with this id. */
    public Optional<Future<R>> earlier(String requestId) {
        R done = answered.get(requestId);
        if (done != null) {
            return Optional.of(Future.succeededFuture(done));
        }
        Promise<R> pending = waiting.get(requestId);
        return pending == null ? Optional.empty() : Optional.of(pending.future());
    }

    /**
     * Runs {@code act} for an id not seen before and returns its answer (given later through
     * {@link #answer}); an id seen before gets its earlier answer and nothing runs.
     */
    public Future<R> once(String requestId, Runnable act) {
        Optional<Future<R>> before = earlier(requestId);
        if (before.isPresent()) {
            return before.get();
        }
        Future<R> answer = open(requestId);
        act.run();
        return answer;
    }

    /** A new command: its answer comes through {@link #answer}. */
    public Future<R> open(String requestId) {
        Promise<R> p = Promise.promise();
        waiting.put(requestId, p);
        return p.future();
    }

    public void answer(String requestId, R result) {
        answered.put(requestId, result);
        Promise<R> p = waiting.remove(requestId);
        if (p != null) {
            p.tryComplete(result);
        }
    }

    /** Answers everything still pending with {@code result} (the runtime is stopping). */
    public void answerAll(R result) {
        waiting.values().forEach(p -> p.tryComplete(result));
        waiting.clear();
    }
}
