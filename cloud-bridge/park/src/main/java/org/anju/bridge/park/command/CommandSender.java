package org.anju.bridge.park.command;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.mqtt.ParkMqtt;

/**
 * Signs a command with the park's key, publishes it to one gateway and waits for that gateway's
 * reply, correlated by request id, up to a deadline. Every instance subscribes to all replies
 * (not shared), so the instance that sent a command sees its answer; the others ignore it.
 */
public final class CommandSender {
    /** What became of a command. */
    public sealed interface Outcome {
        record Replied(CommandReply reply) implements Outcome {
        }

        /** Sent, but no reply by the deadline: the gateway is offline or did not get it in time. */
        record NoReply(String gateway, Duration waited) implements Outcome {
        }

        /** Could not be published (the broker is away). */
        record NotSent(String reason) implements Outcome {
        }
    }

    private final String park;
    private final CommandSigner signer;
    private final Map<String, CompletableFuture<CommandReply>> pending = new ConcurrentHashMap<>();
    private volatile ParkMqtt mqtt;
    private volatile java.util.function.Function<String, CompletableFuture<Void>> ahead =
            gateway -> CompletableFuture.completedFuture(null);

    public CommandSender(String park, CommandSigner signer) {
        this.park = park;
        this.signer = signer;
    }

    /** The connection to publish on; set once the bridge has built it. */
    public void attach(ParkMqtt mqtt) {
        this.mqtt = mqtt;
    }

    /** A door opened for someone at it: the 30 s CONTRACT.md gives an interactive command. */
    static final Duration INTERACTIVE_WINDOW = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofMinutes(2);

    /** How long a signed command stays good: short for a door, so a delayed copy cannot open it minutes later. */
    static Duration window(CommandBody body) {
        return body instanceof CommandBody.DoorOpen ? INTERACTIVE_WINDOW : WINDOW;
    }

    /**
     * What must go to a gateway before any other command: {@code ahead} completes when one may go
     * (the roster sync holds commands until a reconnected gateway has its roster). Roster commands
     * themselves are never held.
     */
    public void sendAfter(java.util.function.Function<String, CompletableFuture<Void>> ahead) {
        this.ahead = ahead;
    }

    /**
     * Signs and publishes {@code body} to {@code gateway} and waits for its reply until {@code deadline},
     * the wait for {@link #sendAfter what goes first} included (not over by then: not sent, {@link Outcome.NoReply}).
     */
    public CompletableFuture<Outcome> send(String gateway, CommandBody body, Duration deadline) {
        return send(gateway, null, body, deadline);
    }

    /** As above, with the command's id chosen by the caller (to record it before the reply), or null for a fresh one. */
    public CompletableFuture<Outcome> send(String gateway, String requestId, CommandBody body, Duration deadline) {
        ParkMqtt link = mqtt;
        if (link == null || !link.connected()) {
            return CompletableFuture.completedFuture(new Outcome.NotSent("not connected to the broker"));
        }
        if (body instanceof CommandBody.RosterDelta || body instanceof CommandBody.RosterSnapshot) {
            return publish(gateway, requestId, body, deadline);
        }
        long start = System.nanoTime();
        // what goes first not over within the deadline: the command is not sent at all, rather than overtake it
        return ahead.apply(gateway).thenApply(x -> true).exceptionally(e -> true)
                .completeOnTimeout(false, deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ready -> ready ? publish(gateway, requestId, body, Duration.ofNanos(Math.max(Duration.ofSeconds(1).toNanos(),
                        deadline.toNanos() - (System.nanoTime() - start))))
                        : CompletableFuture.completedFuture(new Outcome.NoReply(gateway, deadline)));
    }

    private CompletableFuture<Outcome> publish(String gateway, String requestId, CommandBody body, Duration deadline) {
        Topics to = new Topics(park, gateway);
        SignedCommand command = requestId == null ? signer.sign(to, body, window(body))
                : signer.sign(to, requestId, body, window(body));
        CompletableFuture<CommandReply> reply = new CompletableFuture<>();
        pending.put(command.id(), reply);
        ParkMqtt link = mqtt;
        if (link == null) {
            pending.remove(command.id());
            return CompletableFuture.completedFuture(new Outcome.NotSent("not connected to the broker"));
        }
        return link.publish(to.commands(), ContractJson.encode(command), window(body).toSeconds())
                .thenApply(outcome -> {
                    if (!outcome.accepted()) {
                        throw new IllegalStateException("the broker refused the command: " + outcome.describe());
                    }
                    return outcome;
                })
                .thenCompose(sent -> reply.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .<Outcome>thenApply(Outcome.Replied::new)
                        .exceptionally(e -> new Outcome.NoReply(gateway, deadline)))
                .exceptionally(e -> new Outcome.NotSent(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()))
                .whenComplete((o, e) -> pending.remove(command.id()));
    }

    /** A reply whose signature {@code Ingest} has checked. */
    public void onReply(CommandReply reply) {
        CompletableFuture<CommandReply> waiting = pending.get(reply.requestId());
        if (waiting != null) {
            waiting.complete(reply);
        }
    }
}
