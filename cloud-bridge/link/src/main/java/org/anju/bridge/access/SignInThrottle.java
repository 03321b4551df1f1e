package org.anju.bridge.access;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who may try a password now. Wrong tries slow down the pair (login, client address) that made
 * them, more with each one: the first {@link #FREE_FAILURES} cost nothing, then the pair waits 2 s,
 * 4 s, 8 s ... up to {@link #LONGEST_WAIT} before its next try. Nobody else is slowed, so guessing
 * a password from one place takes years while the fire officer, at their own desk, signs in as
 * usual however hard someone else hammers their login. Each address also has a budget of wrong
 * tries ({@code perAddress}, whatever the logins: a flood of made-up names is cut off cheaply,
 * while a dormitory's renters behind one router, signing in right, are never counted), and the
 * tries it made lately (wrong ones twice, refused ones too) give it a lower {@link #priority} for
 * the hashing queue, so a flood, even from many addresses, waits behind a person who has just
 * arrived. A success clears its pair. Pairs and addresses are kept for the most
 * recent 100,000 only (an evicted one starts over, no worse than a new one).
 */
public final class SignInThrottle {
    public static final int FREE_FAILURES = 3;
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** An address's wrong tries count half after this long. */
    static final Duration HALF_LIFE = Duration.ofMinutes(10);
    private static final int MAX_KEYS = 100_000;

    /** Whether a try may go ahead (and at which priority, lower first), or how long until it may. */
    public sealed interface Decision {
        record Allowed(int priority) implements Decision {
        }

        record Limited(Duration retryAfter, String reason) implements Decision {
            public long seconds() {
                return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            }
        }
    }

    private static final class Failures {
        int count;
        long lastNanos;
    }

    private static final class Score {
        double value;
        long atNanos;
    }

    private final LongSupplier nanos;
    private final AttemptLimiter perAddress;
    private final Map<String, Failures> pairs = lru();
    private final Map<String, Score> addresses = lru();

    public SignInThrottle(AttemptLimiter perAddress, LongSupplier nanos) {
        this.perAddress = perAddress;
        this.nanos = nanos;
    }

    /** 30 wrong tries a minute per address (a burst of as many). */
    public static SignInThrottle standard() {
        return new SignInThrottle(AttemptLimiter.of(30, Duration.ofMinutes(1)), System::nanoTime);
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }

    private static String pair(String login, String address) {
        return login.toLowerCase(java.util.Locale.ROOT) + "\u0000" + address;
    }

    /** Whether the pair may try now and the address has wrong tries left (a wrong one is taken by {@link #failed}). */
    public synchronized Decision attempt(String login, String address) {
        long now = nanos.getAsLong();
        Failures f = pairs.get(pair(login, address));
        if (f != null && f.count > FREE_FAILURES) {
            long waitNanos = wait(f.count).toNanos() - (now - f.lastNanos);
            if (waitNanos > 0) {
                return new Decision.Limited(Duration.ofNanos(waitNanos),
                        "wrong passwords for this login from here; the next try is possible in");
            }
        }
        if (perAddress.peek(address) instanceof AttemptLimiter.Decision.Limited limited) {
            return new Decision.Limited(limited.retryAfter(), "too many wrong sign-ins from this address; try again in");
        }
        int priority = priority(address, now);
        add(address, now, 1);
        return new Decision.Allowed(priority);
    }

    /** Adds to the address's recent activity: each try counts once, a wrong one once more. */
    private void add(String address, long now, double amount) {
        Score s = addresses.computeIfAbsent(address, k -> new Score());
        s.value = decayed(s, now) + amount;
        s.atNanos = now;
    }

    /** The wait after {@code count} wrong tries in a row. */
    static Duration wait(int count) {
        int doublings = Math.min(count - FREE_FAILURES, 20);
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d;
    }

    public synchronized void failed(String login, String address) {
        long now = nanos.getAsLong();
        perAddress.attempt(address);
        Failures f = pairs.computeIfAbsent(pair(login, address), k -> new Failures());
        f.count++;
        f.lastNanos = now;
        add(address, now, 1);
    }

    public synchronized void succeeded(String login, String address) {
        pairs.remove(pair(login, address));
    }

    /** The address's recent tries (wrong ones twice), decayed; 0 for an address that has not been trying. */
    public synchronized int priority(String address) {
        return priority(address, nanos.getAsLong());
    }

    private int priority(String address, long now) {
        Score s = addresses.get(address);
        return s == null ? 0 : (int) Math.round(decayed(s, now));
    }

    private static double decayed(Score s, long now) {
        return s.value * Math.pow(0.5, (double) (now - s.atNanos) / HALF_LIFE.toNanos());
    }
}
