package org.anju.bridge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Wrong passwords slow their (login, address) pair more and more, and nobody else; an address has a budget. */
class SignInThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SignInThrottle throttle = new SignInThrottle(new AttemptLimiter(30, Duration.ofMinutes(1), 1000, now::get), now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void wrongTriesSlowThePairProgressivelyWhileTheSameLoginFromElsewhereSignsIn() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.attempt("officer-li", "10.0.0.66")).isInstanceOf(SignInThrottle.Decision.Allowed.class);
            throttle.failed("officer-li", "10.0.0.66");
        }
        assertThat(throttle.attempt("officer-li", "10.0.0.66")).as("the free tries are used, not yet a wait")
                .isInstanceOf(SignInThrottle.Decision.Allowed.class);
        throttle.failed("officer-li", "10.0.0.66");
        var first = (SignInThrottle.Decision.Limited) throttle.attempt("OFFICER-LI", "10.0.0.66");
        assertThat(first.seconds()).isEqualTo(2);
        advance(Duration.ofSeconds(2));
        assertThat(throttle.attempt("officer-li", "10.0.0.66")).isInstanceOf(SignInThrottle.Decision.Allowed.class);
        throttle.failed("officer-li", "10.0.0.66");
        assertThat(((SignInThrottle.Decision.Limited) throttle.attempt("officer-li", "10.0.0.66")).seconds()).isEqualTo(4);

        assertThat(throttle.attempt("officer-li", "10.0.0.7")).as("the officer at her own desk").isInstanceOfSatisfying(
                SignInThrottle.Decision.Allowed.class, a -> assertThat(a.priority()).isZero());
        assertThat(throttle.priority("10.0.0.66")).as("the guesser's address queues behind: 5 tries, 5 wrong").isEqualTo(10);
        advance(Duration.ofMinutes(10));
        assertThat(throttle.priority("10.0.0.66")).as("halved after ten minutes").isEqualTo(5);
    }

    @Test
    void theWaitGrowsToAQuarterOfAnHourAtMostAndASuccessClearsIt() {
        assertThat(SignInThrottle.wait(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.wait(10)).isEqualTo(Duration.ofSeconds(128));
        assertThat(SignInThrottle.wait(100)).isEqualTo(SignInThrottle.LONGEST_WAIT);
        for (int i = 0; i < 6; i++) {
            throttle.failed("wang", "10.0.0.8");
        }
        assertThat(throttle.attempt("wang", "10.0.0.8")).isInstanceOf(SignInThrottle.Decision.Limited.class);
        throttle.succeeded("wang", "10.0.0.8");
        assertThat(throttle.attempt("wang", "10.0.0.8")).isInstanceOf(SignInThrottle.Decision.Allowed.class);
    }

    @Test
    void oneAddressGetsThirtyWrongTriesAMinuteWhateverTheLoginsAndRightOnesAreNotCounted() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.attempt("renter-" + i, "10.0.0.9")).isInstanceOf(SignInThrottle.Decision.Allowed.class);
            throttle.succeeded("renter-" + i, "10.0.0.9");
        }
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.attempt("made-up-" + i, "10.0.0.9")).isInstanceOf(SignInThrottle.Decision.Allowed.class);
            throttle.failed("made-up-" + i, "10.0.0.9");
        }
        var limited = (SignInThrottle.Decision.Limited) throttle.attempt("made-up-30", "10.0.0.9");
        assertThat(limited.reason()).contains("from this address");
        assertThat(limited.seconds()).isEqualTo(2);
        assertThat(throttle.attempt("made-up-30", "10.0.0.10")).isInstanceOf(SignInThrottle.Decision.Allowed.class);
    }
}
