package org.anju.bridge.command;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.Topics;

/**
 * From command payload to reply: verifies on one dedicated thread (so neither the MQTT client's
 * threads nor the caller wait on signature checks or the nonce store's fsync), hands verified
 * commands to the {@link CommandHandler} in arrival order, and turns the outcome or the rejection
 * into a {@link CommandReply}. A full queue is answered {@code OVERLOADED} at once.
 */
public final class CommandChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CommandChannel.class.getName());

    private final Topics self;
    private final CommandVerifier verifier;
    private final CommandHandler handler;
    private final Clock clock;
    private final Duration handlerTimeout;
    private final ThreadPoolExecutor thread;
    private volatile Consumer<CommandReply> replies = reply -> { };

    /**
     * @param handlerTimeout how long an outcome may take before the reply says {@code FAILED}
     * @param maxQueued      commands waiting for verification beyond which new ones are refused
     */
    public CommandChannel(CommandVerifier verifier, CommandHandler handler, Clock clock, Duration handlerTimeout,
                          int maxQueued) {
        this.self = verifier.settings().self();
        this.verifier = verifier;
        this.handler = handler;
        this.clock = clock;
        this.handlerTimeout = handlerTimeout;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(maxQueued), r -> {
            Thread t = new Thread(r, "anju-commands");
            t.setDaemon(true);
            return t;
        });
    }

    public CommandChannel(CommandVerifier verifier, CommandHandler handler, Clock clock) {
        this(verifier, handler, clock, Duration.ofSeconds(10), 256);
    }

    public Topics topics() {
        return self;
    }

    /** Where replies go; the uplink binds this to its MQTT client. */
    public void replyTo(Consumer<CommandReply> sink) {
        this.replies = sink;
    }

    /** A payload from the command topic; returns at once, from any thread. */
    public void accept(byte[] payload) {
        try {
            thread.execute(() -> process(payload));
        } catch (RejectedExecutionException full) {
            Verdict.Rejected r = new Verdict.Rejected(ReplyResult.OVERLOADED, peekId(payload), null,
                    "too many commands waiting; retry later");
            reply(CommandReply.of(self, r.requestId(), clock.millis(), r.reason(), r.detail(), null));
            notifyRejected(r);
        }
    }

    private void process(byte[] payload) {
        Verdict verdict = verifier.verify(payload);
        if (verdict instanceof Verdict.Rejected rejected) {
            LOG.log(Level.WARNING, "command {0} ({1}) refused: {2}: {3}", rejected.requestId(), rejected.kind(),
                    rejected.reason(), rejected.detail());
            reply(CommandReply.of(self, rejected.requestId(), clock.millis(), rejected.reason(), rejected.detail(),
                    null));
            notifyRejected(rejected);
            return;
        }
        VerifiedCommand command = ((Verdict.Accepted) verdict).command();
        CompletionStage<CommandOutcome> stage;
        try {
            stage = handler.handle(command);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "command handler threw on " + command.kind().wireName(), e);
            stage = CompletableFuture.completedFuture(CommandOutcome.failed("the gateway could not handle it"));
        }
        if (stage == null) {
            stage = CompletableFuture.completedFuture(CommandOutcome.failed("the gateway could not handle it"));
        }
        stage.toCompletableFuture().thenApply(outcome -> outcome)
                .orTimeout(handlerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, failure) -> {
                    CommandOutcome o = outcome;
                    if (failure != null || o == null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException
                                ? failure.getCause() : failure;
                        o = cause instanceof TimeoutException
                                ? CommandOutcome.failed("no outcome within " + handlerTimeout.toSeconds() + " s")
                                : CommandOutcome.failed("the gateway could not do it");
                    }
                    CommandReply reply = CommandReply.of(self, command.requestId(), clock.millis(), o.result(), o.detail(),
                            o.rosterVersion());
                    reply(reply);
                    try {
                        handler.replied(command, reply);
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "command handler threw after the reply to " + command.kind().wireName(), e);
                    }
                });
    }

    private void notifyRejected(Verdict.Rejected rejected) {
        try {
            handler.rejected(rejected);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "command handler threw on a rejection", e);
        }
    }

    private void reply(CommandReply reply) {
        try {
            replies.accept(reply);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reply to command {0} not sent: {1}", reply.requestId(), e.toString());
        }
    }

    /** The request id of a small payload, for a reply that must go out without verification. */
    private static String peekId(byte[] payload) {
        if (payload == null || payload.length > 64 * 1024) {
            return null;
        }
        try {
            JsonNode id = ContractJson.mapper().readTree(payload).get("id");
            return id != null && id.isTextual() && Contract.isId(id.asText()) ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
