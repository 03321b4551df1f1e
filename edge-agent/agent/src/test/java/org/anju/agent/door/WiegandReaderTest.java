package org.anju.agent.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.Credential;
import org.anju.agent.access.PinHasher;
import org.anju.agent.access.Roster;
import org.anju.agent.access.TenantAccess;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.GpioOpenResult;
import org.anju.agent.gpio.GpioSimulator;
import org.anju.agent.gpio.Pi4jGpioBoard;
import org.anju.agent.gpio.WiegandFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A card swiped on a Wiegand reader wired to mock GPIO, all the way to the door relay. */
@ExtendWith(VertxExtension.class)
class WiegandReaderTest {
    private static final int D0 = 5;
    private static final int D1 = 6;
    /** Wider than the 25 ms default: a JIT or GC pause of the test thread mid-card must not split it. */
    private static final Duration GAP = Duration.ofMillis(250);
    private GpioBoard board;
    private GpioSimulator pins;
    private Vertx vertx;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        board = ((GpioOpenResult.Opened) Pi4jGpioBoard.open("mock")).board();
        pins = board.simulator().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        board.close();
    }

    /** Test-only H10301 encoder: even parity, 8-bit facility, 16-bit number, odd parity. */
    private static int[] h10301(int facility, int number) {
        int data = (facility << 16) | number;
        int[] bits = new int[26];
        for (int i = 0; i < 24; i++) {
            bits[i + 1] = (data >>> (23 - i)) & 1;
        }
        int even = 0;
        int odd = 1;
        for (int i = 1; i <= 12; i++) {
            even ^= bits[i];
        }
        for (int i = 13; i <= 24; i++) {
            odd ^= bits[i];
        }
        bits[0] = even;
        bits[25] = odd;
        return bits;
    }

    /** Test-only stand-in for the Wiegand codec (issue 2): 26-bit layout, parity not checked here. */
    private static Optional<Credential.Card> decode(WiegandFrame f) {
        if (f.bitCount() != 26) {
            return Optional.empty();
        }
        long data = (f.bits() >>> 1) & 0xFFFFFF;
        return Optional.of(new Credential.Card((int) (data >>> 16), data & 0xFFFF));
    }

    private void swipe(int[] bits) {
        // idle high; each bit is a low pulse on D0 (a 0) or D1 (a 1)
        for (int b : bits) {
            int pin = b == 0 ? D0 : D1;
            pins.driveInput(pin, false);
            pins.driveInput(pin, true);
        }
    }

    @Test
    void aSwipedCardArrivesAsOneFrameWithItsBitsInOrder() {
        List<WiegandFrame> frames = new CopyOnWriteArrayList<>();
        WiegandReader.attach(vertx, board, "entrance reader", D0, D1, GAP, frames::add).orElseThrow();
        idleHigh();
        swipe(h10301(3, 1001));
        await().atMost(Duration.ofSeconds(5)).until(() -> !frames.isEmpty());
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).bitCount()).isEqualTo(26);
        assertThat(decode(frames.get(0))).contains(new Credential.Card(3, 1001));
        swipe(h10301(200, 65000));
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() >= 2);
        assertThat(frames).hasSize(2);
        assertThat(decode(frames.get(1))).contains(new Credential.Card(200, 65000));
    }

    @Test
    void aCardOnTheReaderOpensTheDoorThroughTheRoster() {
        GpioDoor.Start s = GpioDoor.start(vertx, board, DoorConfig.of("entrance", LockType.FAIL_SECURE),
                new GpioDoorPins(17, true, OptionalInt.empty(), true, OptionalInt.empty(), true,
                        Duration.ofMillis(10)), e -> { }, Duration.ofSeconds(2));
        DoorRuntime door = ((GpioDoor.Start.Started) s).runtime();
        Instant now = Instant.parse("2026-06-01T08:00:00Z");
        AccessDecider decider = new AccessDecider(new PinHasher(PinHasher.newKey()));
        decider.replace(new Roster(Map.of(decider.key(new Credential.Card(3, 1001)), "t-7"),
                Map.of("t-7", new TenantAccess("t-7", now.minusSeconds(60), now.plusSeconds(60), Set.of("entrance")))));
        DoorAccessPoint access = new DoorAccessPoint(door, decider, () -> now);
        WiegandReader.attach(vertx, board, "entrance reader", D0, D1, GAP,
                frame -> decode(frame).ifPresent(access::present)).orElseThrow();
        idleHigh();
        swipe(h10301(3, 1001));
        await().atMost(Duration.ofSeconds(5)).until(() -> pins.outputLevel(17));
    }

    private void idleHigh() {
        pins.driveInput(D0, true);
        pins.driveInput(D1, true);
    }
}
