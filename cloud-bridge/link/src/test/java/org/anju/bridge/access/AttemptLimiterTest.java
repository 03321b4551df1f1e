package org.anju.bridge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AttemptLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final AttemptLimiter limiter = new AttemptLimiter(5, Duration.ofMinutes(15), 3, now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aBurstIsAllowedThenTheNextAttemptWaitsForItsShareOfThePeriod() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.attempt("li.wei")).isInstanceOf(AttemptLimiter.Decision.Allowed.class);
        }
        assertThat(limiter.attempt("li.wei")).isInstanceOfSatisfying(AttemptLimiter.Decision.Limited.class,
                l -> assertThat(l.seconds()).isEqualTo(180));
        assertThat(limiter.attempt("wang.fang")).as("another key has its own bucket").isInstanceOf(AttemptLimiter.Decision.Allowed.class);

        advance(Duration.ofMinutes(2));
        assertThat(limiter.peek("li.wei")).isInstanceOfSatisfying(AttemptLimiter.Decision.Limited.class,
                l -> assertThat(l.seconds()).isEqualTo(60));
        advance(Duration.ofMinutes(1));
        assertThat(limiter.attempt("li.wei")).isInstanceOf(AttemptLimiter.Decision.Allowed.class);
        assertThat(limiter.attempt("li.wei")).isInstanceOf(AttemptLimiter.Decision.Limited.class);
    }

    @Test
    void peekingTakesNothingAndForgettingStartsOver() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.peek("li.wei")).isInstanceOf(AttemptLimiter.Decision.Allowed.class);
        }
        for (int i = 0; i < 5; i++) {
            limiter.attempt("li.wei");
        }
        assertThat(limiter.peek("li.wei")).isInstanceOf(AttemptLimiter.Decision.Limited.class);
        limiter.forget("li.wei");
        assertThat(limiter.peek("li.wei")).isInstanceOf(AttemptLimiter.Decision.Allowed.class);
    }

    @Test
    void aFloodOfKeysKeepsOnlyTheMostRecent() {
        for (int i = 0; i < 5; i++) {
            limiter.attempt("li.wei");
        }
        limiter.attempt("a");
        limiter.attempt("b");
        limiter.attempt("c");
        assertThat(limiter.peek("li.wei")).as("evicted, starts with a full bucket").isInstanceOf(AttemptLimiter.Decision.Allowed.class);
    }
}
