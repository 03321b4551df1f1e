package org.anju.firmware.lockboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.anju.protocol.Bytes;
import org.anju.protocol.lockboard.ChannelStatus;
import org.anju.protocol.lockboard.LockBoardCodec;
import org.anju.protocol.lockboard.LockBoardDecoder;
import org.anju.protocol.lockboard.LockBoardEvent;
import org.anju.protocol.lockboard.LockBoardFrame;
import org.anju.protocol.lockboard.LockBoardFrame.AllStates;
import org.anju.protocol.lockboard.LockBoardFrame.ChannelState;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAll;
import org.anju.protocol.lockboard.LockBoardFrame.OpenChannel;
import org.anju.protocol.lockboard.LockBoardFrame.OpenResult;
import org.anju.protocol.lockboard.LockBoardFrame.ReadAll;
import org.anju.protocol.lockboard.LockBoardFrame.ReadChannel;
import org.junit.jupiter.api.Test;

/** Drives the board through bytes only, as the gateway does over RS-485. */
class LockBoardSimulatorTest {
    private static final ChannelStatus LOCKED_CLOSED = new ChannelStatus(false, false);
    private static final ChannelStatus UNLOCKED_CLOSED = new ChannelStatus(true, false);
    private static final ChannelStatus UNLOCKED_OPEN = new ChannelStatus(true, true);
    private static final ChannelStatus LOCKED_OPEN = new ChannelStatus(false, true);

    private final LockBoardSimulator board = new LockBoardSimulator(1);

    @Test
    void anOpenCommandReleasesTheLockForFiveSecondsOfSimulatedTime() {
        assertThat(send(Bytes.hex("8A 01 01 11 9B"))).containsExactly(Bytes.hex("8A 01 01 11 9B"));
        assertThat(read(1)).isEqualTo(UNLOCKED_CLOSED);

        board.advance(Duration.ofMillis(4999));
        assertThat(read(1)).isEqualTo(UNLOCKED_CLOSED);
        board.advance(Duration.ofMillis(1));
        assertThat(read(1)).isEqualTo(LOCKED_CLOSED);
    }

    @Test
    void aSecondOpenRestartsThePulse() {
        exchange(new OpenChannel(1, 2));
        board.advance(Duration.ofSeconds(4));
        exchange(new OpenChannel(1, 2));
        board.advance(Duration.ofSeconds(4));
        assertThat(read(2)).isEqualTo(UNLOCKED_CLOSED);
    }

    @Test
    void readRepliesCarryTheGoldenBytes() {
        assertThat(send(Bytes.hex("80 01 01 33 B3"))).containsExactly(Bytes.hex("80 01 01 00 80"));
        exchange(new OpenChannel(1, 1));
        board.openDoor(1);
        assertThat(send(Bytes.hex("80 01 01 33 B3"))).containsExactly(Bytes.hex("80 01 01 03 83"));
    }

    @Test
    void readAllReportsEveryChannelWithTheBoardsChannelCount() {
        exchange(new OpenChannel(1, 3));
        board.forceOpen(16);
        List<ChannelStatus> expected = new ArrayList<>(Collections.nCopies(16, LOCKED_CLOSED));
        expected.set(2, UNLOCKED_CLOSED);
        expected.set(15, LOCKED_OPEN);

        assertThat(exchange(new ReadAll(1))).containsExactly(new AllStates(1, expected));
        assertThat(send(Bytes.hex("80 01 00 33 B2")).get(0).length()).isEqualTo(16 + 6);
    }

    @Test
    void aJammedLockReportsFailureAndStaysLocked() {
        board.jam(3);
        assertThat(send(Bytes.of(LockBoardCodec.encode(new OpenChannel(1, 3)))))
                .containsExactly(Bytes.hex("8A 01 03 00 88"));
        assertThat(read(3)).isEqualTo(LOCKED_CLOSED);
        board.unjam(3);
        assertThat(exchange(new OpenChannel(1, 3))).containsExactly(new OpenResult(1, 3, true));
    }

    @Test
    void openAllToTheBoardIsEchoedAndReleasesEveryChannelThatIsNotJammed() {
        board.jam(5);
        assertThat(send(Bytes.hex("8A 01 00 9D 16"))).containsExactly(Bytes.hex("8A 01 00 9D 16"));
        AllStates all = (AllStates) exchange(new ReadAll(1)).get(0);
        for (int ch = 1; ch <= 16; ch++) {
            assertThat(all.channel(ch).unlocked()).as("channel %d", ch).isEqualTo(ch != 5);
        }
    }

    @Test
    void broadcastOpenAllReleasesEveryChannelWithoutAReply() {
        assertThat(send(Bytes.hex("8A 00 00 9D 17"))).isEmpty();
        assertThat(exchange(new ReadAll(1))).containsExactly(new AllStates(1, Collections.nCopies(16, UNLOCKED_CLOSED)));
    }

    @Test
    void itAnswersOnlyItsOwnAddress() {
        assertThat(exchange(new OpenChannel(2, 1))).isEmpty();
        assertThat(exchange(new OpenAll(2))).isEmpty();
        assertThat(read(1)).isEqualTo(LOCKED_CLOSED);
    }

    @Test
    void itIgnoresBadChecksumsIllegalFramesAndChannelsItDoesNotHave() {
        assertThat(send(Bytes.hex("8A 01 01 11 9C"))).isEmpty();
        assertThat(send(Bytes.hex("8A 01 31 11 AB"))).isEmpty(); // channel 49: rejected by the codec
        assertThat(exchange(new OpenChannel(1, 17))).isEmpty();
        assertThat(exchange(new ReadChannel(1, 17))).isEmpty();
        assertThat(exchange(new ReadAll(1))).containsExactly(new AllStates(1, Collections.nCopies(16, LOCKED_CLOSED)));
    }

    @Test
    void requestsSplitAcrossChunksAndNoiseAreAnsweredOnce() {
        byte[] stream = concat(Bytes.hex("00 FF 8A"), Bytes.of(LockBoardCodec.encode(new OpenChannel(1, 4))),
                Bytes.of(LockBoardCodec.encode(new ReadChannel(1, 4))));
        List<byte[]> replies = new ArrayList<>();
        for (byte b : stream) {
            replies.addAll(board.receive(new byte[] {b}, 0, 1));
        }
        assertThat(decodeReplies(replies)).containsExactly(
                new OpenResult(1, 4, true), new ChannelState(1, 4, UNLOCKED_CLOSED));
    }

    @Test
    void aHalfFrameIsForgottenWhenTheLineGoesIdle() {
        assertThat(send(Bytes.hex("8A 01 01"))).isEmpty();
        board.lineIdle();
        assertThat(send(Bytes.hex("80 01 01 33 B3"))).containsExactly(Bytes.hex("80 01 01 00 80"));
    }

    @Test
    void aTenantCanOpenTheDoorOnlyWhileTheLockIsReleasedAndTheCloserShutsIt() {
        assertThat(board.openDoor(1)).isFalse();
        assertThat(read(1)).isEqualTo(LOCKED_CLOSED);

        exchange(new OpenChannel(1, 1));
        assertThat(board.openDoor(1)).isTrue();
        assertThat(read(1)).isEqualTo(UNLOCKED_OPEN);
        board.advance(Duration.ofSeconds(3));
        assertThat(read(1)).isEqualTo(UNLOCKED_CLOSED);
        board.advance(Duration.ofSeconds(2));
        assertThat(read(1)).isEqualTo(LOCKED_CLOSED);
    }

    @Test
    void aProppedDoorStaysOpenAfterTheLockReengages() {
        assertThat(board.holdOpen(1)).isFalse();
        exchange(new OpenChannel(1, 1));
        assertThat(board.holdOpen(1)).isTrue();
        board.advance(Duration.ofMinutes(10));
        assertThat(read(1)).isEqualTo(LOCKED_OPEN);
        board.close(1);
        assertThat(read(1)).isEqualTo(LOCKED_CLOSED);
    }

    @Test
    void aForcedDoorReadsOpenWhileTheLockReadsLocked() {
        board.forceOpen(7);
        assertThat(read(7)).isEqualTo(LOCKED_OPEN);
        board.advance(Duration.ofMinutes(1));
        assertThat(read(7)).isEqualTo(LOCKED_OPEN);
        board.close(7);
        assertThat(read(7)).isEqualTo(LOCKED_CLOSED);
    }

    @Test
    void aSilencedBoardNeitherHearsNorAnswersButItsTimersRun() {
        exchange(new OpenChannel(1, 1));
        send(Bytes.hex("8A 01 02"));
        board.silence(true);
        assertThat(exchange(new OpenChannel(1, 3))).isEmpty();
        board.advance(Duration.ofSeconds(5));
        board.silence(false);

        assertThat(exchange(new ReadAll(1))).containsExactly(new AllStates(1, Collections.nCopies(16, LOCKED_CLOSED)));
    }

    @Test
    void aSmallBoardWithItsOwnTimings() {
        LockBoardSimulator small = new LockBoardSimulator(200, 4, Duration.ofSeconds(1), Duration.ofMillis(500));
        List<byte[]> replies = small.receive(LockBoardCodec.encode(new ReadAll(200)), 0, 5);
        assertThat(decodeReplies(replies)).containsExactly(new AllStates(200, Collections.nCopies(4, LOCKED_CLOSED)));
        small.receive(LockBoardCodec.encode(new OpenChannel(200, 4)), 0, 5);
        small.advance(Duration.ofSeconds(1));
        assertThat(small.status(4)).isEqualTo(LOCKED_CLOSED);
    }

    @Test
    void configurationAndPhysicalActionsRefuseWhatNoBoardHas() {
        assertThatThrownBy(() -> new LockBoardSimulator(0)).hasMessageContaining("1-255, not 0");
        assertThatThrownBy(() -> new LockBoardSimulator(1, 49, Duration.ofSeconds(5), Duration.ofSeconds(3)))
                .hasMessageContaining("1-48 channels, not 49");
        assertThatThrownBy(() -> new LockBoardSimulator(1, 4, Duration.ZERO, Duration.ofSeconds(3)))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> board.forceOpen(17)).hasMessageContaining("1-16, not 17");
        assertThatThrownBy(() -> board.advance(Duration.ofSeconds(-1))).hasMessageContaining("backwards");
    }

    @Test
    void concurrentCallersEachGetTheAnswerToTheirOwnRequest() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int channel = t + 1;
                answered.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 2000; i++) {
                        LockBoardFrame.Request request = i % 2 == 0 ? new OpenChannel(1, channel) : new ReadChannel(1, channel);
                        List<LockBoardFrame.Reply> replies = decodeReplies(board.receive(LockBoardCodec.encode(request), 0, 5));
                        board.advance(Duration.ofMillis(1));
                        board.forceOpen(channel + 8);
                        if (replies.size() == 1 && replies.get(0).answers(request)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : answered) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Bytes> send(Bytes request) {
        byte[] bytes = request.toArray();
        List<Bytes> replies = new ArrayList<>();
        for (byte[] reply : board.receive(bytes, 0, bytes.length)) {
            replies.add(Bytes.of(reply));
        }
        return replies;
    }

    private List<LockBoardFrame.Reply> exchange(LockBoardFrame.Request request) {
        byte[] bytes = LockBoardCodec.encode(request);
        return decodeReplies(board.receive(bytes, 0, bytes.length));
    }

    private ChannelStatus read(int channel) {
        List<LockBoardFrame.Reply> replies = exchange(new ReadChannel(1, channel));
        assertThat(replies).hasSize(1);
        return ((ChannelState) replies.get(0)).status();
    }

    /** Every reply must be exactly one good frame: the board never sends anything else. */
    private static List<LockBoardFrame.Reply> decodeReplies(List<byte[]> replies) {
        List<LockBoardFrame.Reply> frames = new ArrayList<>();
        for (byte[] reply : replies) {
            LockBoardDecoder decoder = new LockBoardDecoder(LockBoardDecoder.Reads.REPLIES);
            List<LockBoardEvent> events = new ArrayList<>(decoder.feed(reply));
            events.addAll(decoder.flush());
            assertThat(events).hasSize(1).first().isInstanceOf(LockBoardEvent.Frame.class);
            frames.add((LockBoardFrame.Reply) ((LockBoardEvent.Frame) events.get(0)).frame());
        }
        return frames;
    }

    private static byte[] concat(Bytes... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes p : parts) {
            out.writeBytes(p.toArray());
        }
        return out.toByteArray();
    }
}
