package org.anju.bridge.park.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.park.store.SessionStore;

/**
 * Signed-in sessions: opened at sign-in, checked on every request (the store says whether a
 * session is live, so a sign-out on one bridge instance holds on all), renewed by use where the
 * role's {@link SessionLifetime} slides, ended by sign-out, and all of an account's ended at once
 * by a password change, a reissued invitation or a disabled account. The event stream, which a
 * browser cannot give an Authorization header, gets a single-use ticket good for
 * {@link #TICKET_LIFETIME} instead of the token in its address.
 */
public final class Sessions {
    public static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);

    private final SessionTokens tokens;
    private final SessionStore store;
    private final Clock clock;

    public Sessions(SessionTokens tokens, SessionStore store, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.clock = clock;
    }

    /** The bridge's clock, in epoch milliseconds (sessions, tickets and invitations all go by it). */
    public long now() {
        return clock.millis();
    }

    /** The outcome of opening a session. */
    public sealed interface Opened {
        record Token(String token, long expiresAt) implements Opened {
        }

        record Refused(String reason) implements Opened {
        }
    }

    public CompletableFuture<Opened> open(Principal who) {
        String id = tokens.newId();
        long now = clock.millis();
        SessionLifetime life = SessionLifetime.of(who.role());
        long expires = life.firstExpiry(now);
        return store.open(SessionTokens.hash(id), who.accountId(), now, expires, now + life.maximum().toMillis())
                .thenApply(o -> switch (o) {
                    case OPENED -> new Opened.Token(tokens.token(id), expires);
                    case DISABLED -> new Opened.Refused("this account is disabled; ask the park's administrator");
                    case NO_ACCOUNT -> new Opened.Refused("this account no longer exists");
                });
    }

    /** Who holds this token, if its session is live; renews a sliding session. */
    public CompletableFuture<Optional<Principal>> verify(String token) {
        Optional<String> id = tokens.id(token);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.find(SessionTokens.hash(id.get()), clock.millis(), role -> SessionLifetime.of(role).idle().toMillis())
                .thenApply(live -> live.map(l -> new Principal(l.account(), l.role())));
    }

    /** Ends the token's session; false if it was not live. */
    public CompletableFuture<Boolean> signOut(String token) {
        Optional<String> id = tokens.id(token);
        return id.isEmpty() ? CompletableFuture.completedFuture(false) : store.end(SessionTokens.hash(id.get()), clock.millis());
    }

    public CompletableFuture<Void> endAll(String account) {
        return store.endAll(account);
    }

    /** A single-use ticket for the event stream, for the (already verified) session of {@code token}. */
    public CompletableFuture<String> ticket(String token) {
        String sessionHash = SessionTokens.hash(tokens.id(token).orElseThrow());
        String ticket = tokens.newId();
        long now = clock.millis();
        return store.addTicket(SessionTokens.hash(ticket), sessionHash, now, now + TICKET_LIFETIME.toMillis())
                .thenApply(v -> tokens.token(ticket));
    }

    /** A stream's ticket used up: whose session it stands for, and a check that the session still lives. */
    public record Ticketed(Principal who, java.util.function.Supplier<CompletableFuture<Boolean>> stillLive) {
    }

    public CompletableFuture<Optional<Ticketed>> useTicket(String ticket) {
        Optional<String> id = tokens.id(ticket);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.useTicket(SessionTokens.hash(id.get()), clock.millis()).thenApply(t -> t.map(used -> new Ticketed(
                new Principal(used.live().account(), used.live().role()),
                () -> store.isLive(used.sessionHash(), clock.millis()))));
    }
}
