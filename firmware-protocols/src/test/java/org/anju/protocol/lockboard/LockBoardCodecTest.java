package org.anju.protocol.lockboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.anju.protocol.Bytes;
import org.anju.protocol.lockboard.LockBoardDecoder.Reads;
import org.anju.protocol.lockboard.LockBoardFrame.AllStates;
import org.anju.protocol.lockboard.LockBoardFrame.ChannelState;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAll;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAllDone;
import org.anju.protocol.lockboard.LockBoardFrame.OpenChannel;
import org.anju.protocol.lockboard.LockBoardFrame.OpenResult;
import org.anju.protocol.lockboard.LockBoardFrame.ReadAll;
import org.anju.protocol.lockboard.LockBoardFrame.ReadChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LockBoardCodecTest {

    private static final ChannelStatus LOCKED_CLOSED = new ChannelStatus(false, false);
    private static final ChannelStatus UNLOCKED_CLOSED = new ChannelStatus(true, false);
    private static final ChannelStatus LOCKED_OPEN = new ChannelStatus(false, true);
    private static final ChannelStatus UNLOCKED_OPEN = new ChannelStatus(true, true);

    // Checksums worked by hand: 8A^01^01^11 = 9B, 80^01^01^33 = B3, 80^01^00^33 = B2 (the values
    // printed in lock-board vendors' manuals for board 1), 8A^00^00^9D = 17.
    @Test
    void requestsEncodeToGoldenBytes() {
        assertGolden(new OpenChannel(1, 1), "8A 01 01 11 9B", Reads.REQUESTS);
        assertGolden(new OpenChannel(0x0F, 48), "8A 0F 30 11 A4", Reads.REQUESTS);
        assertGolden(new ReadChannel(1, 1), "80 01 01 33 B3", Reads.REQUESTS);
        assertGolden(new ReadAll(1), "80 01 00 33 B2", Reads.REQUESTS);
        assertGolden(new OpenAll(0), "8A 00 00 9D 17", Reads.REQUESTS);
        assertGolden(new OpenAll(1), "8A 01 00 9D 16", Reads.REQUESTS);
        assertGolden(new ReadChannel(255, 48), "80 FF 30 33 7C", Reads.REQUESTS);
    }

    @Test
    void repliesEncodeToGoldenBytes() {
        assertGolden(new OpenResult(1, 1, true), "8A 01 01 11 9B", Reads.REPLIES);
        assertGolden(new OpenResult(1, 1, false), "8A 01 01 00 8A", Reads.REPLIES);
        assertGolden(new OpenAllDone(1), "8A 01 00 9D 16", Reads.REPLIES);
        assertGolden(new ChannelState(1, 1, LOCKED_CLOSED), "80 01 01 00 80", Reads.REPLIES);
        assertGolden(new ChannelState(1, 1, UNLOCKED_CLOSED), "80 01 01 01 81", Reads.REPLIES);
        assertGolden(new ChannelState(1, 1, LOCKED_OPEN), "80 01 01 02 82", Reads.REPLIES);
        assertGolden(new ChannelState(1, 1, UNLOCKED_OPEN), "80 01 01 03 83", Reads.REPLIES);
        assertGolden(new AllStates(1, List.of(LOCKED_CLOSED, UNLOCKED_CLOSED, LOCKED_OPEN, UNLOCKED_OPEN)),
                "80 01 00 04 00 01 02 03 33 B6", Reads.REPLIES);
        assertGolden(new AllStates(2, List.of(LOCKED_OPEN)), "80 02 00 01 02 33 B2", Reads.REPLIES);
    }

    @Test
    void theSameBytesMeanARequestOrAReplyDependingOnTheSide() {
        Bytes bytes = Bytes.hex("8A 01 00 9D 16");
        assertThat(decodeOne(Reads.REQUESTS, bytes)).isEqualTo(new LockBoardEvent.Frame(new OpenAll(1)));
        assertThat(decodeOne(Reads.REPLIES, bytes)).isEqualTo(new LockBoardEvent.Frame(new OpenAllDone(1)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "REQUESTS | 8A 01 00 11 9A | open (11) needs a channel 1-48, not 00; open-all is command 9D",
        "REQUESTS | 8A 01 31 11 AB | channel must be 1-48, not 49",
        "REQUESTS | 80 01 31 33 83 | channel must be 1-48, not 49",
        "REQUESTS | 8A 01 02 9D 14 | open-all (9D) must name channel 00, not 02",
        "REQUESTS | 80 00 00 33 B3 | board address 00 (broadcast) only carries open-all (9D)",
        "REQUESTS | 8A 00 01 11 9A | board address 00 (broadcast) only carries open-all (9D)",
        "REPLIES  | 8A 00 01 11 9A | a reply carries the board's own address 1-255, not 00",
        "REPLIES  | 8A 01 01 22 A8 | open reply status must be 11 (opened) or 00 (failed), not 22",
        "REPLIES  | 8A 01 00 11 9A | open reply for channel 00 must be the open-all echo 9D, not 11",
        "REPLIES  | 8A 01 31 11 AB | channel must be 1-48, not 49",
        "REPLIES  | 80 01 02 04 87 | status 04 of channel 2 sets reserved bits 2-7",
        "REPLIES  | 80 01 00 02 00 81 33 31 | status 81 of channel 2 sets reserved bits 2-7",
    })
    void wellFramedIllegalFramesAreRejectedWithAReason(Reads side, String hex, String reason) {
        Bytes bytes = Bytes.hex(hex);
        assertThat(decodeOne(side, bytes)).isEqualTo(new LockBoardEvent.Rejected(bytes, reason));
    }

    @Test
    void theChecksumMissesTwoFlipsInTheSameBitPosition() {
        // Bit 1 flipped in the address and in the channel of "read board 1 channel 1": a good frame.
        assertThat(decodeOne(Reads.REQUESTS, Bytes.hex("80 03 03 33 B3")))
                .isEqualTo(new LockBoardEvent.Frame(new ReadChannel(3, 3)));
    }

    @Test
    void broadcastOpenAllExpectsNoReplyAndEveryOtherRequestDoes() {
        assertThat(new OpenAll(0).expectsReply()).isFalse();
        assertThat(new OpenAll(3).expectsReply()).isTrue();
        assertThat(new ReadAll(3).expectsReply()).isTrue();
    }

    @Test
    void aReplyAnswersOnlyTheRequestForItsBoardAndChannel() {
        assertThat(new OpenResult(3, 2, true).answers(new OpenChannel(3, 2))).isTrue();
        assertThat(new OpenResult(3, 2, true).answers(new OpenChannel(3, 1))).isFalse();
        assertThat(new OpenResult(3, 2, true).answers(new ReadChannel(3, 2))).isFalse();
        assertThat(new ChannelState(3, 2, LOCKED_CLOSED).answers(new ReadChannel(3, 2))).isTrue();
        assertThat(new ChannelState(3, 2, LOCKED_CLOSED).answers(new ReadChannel(4, 2))).isFalse();
        assertThat(new AllStates(3, List.of(LOCKED_CLOSED)).answers(new ReadAll(3))).isTrue();
        assertThat(new OpenAllDone(3).answers(new OpenAll(3))).isTrue();
        assertThat(new OpenAllDone(3).answers(new OpenAll(0))).isFalse();
    }

    @Test
    void constructorsRefuseValuesTheWireCannotCarry() {
        assertThatThrownBy(() -> new OpenChannel(0, 1)).hasMessageContaining("1-255");
        assertThatThrownBy(() -> new OpenChannel(256, 1)).hasMessageContaining("1-255");
        assertThatThrownBy(() -> new OpenChannel(1, 0)).hasMessageContaining("1-48, not 0");
        assertThatThrownBy(() -> new ReadChannel(1, 49)).hasMessageContaining("1-48, not 49");
        assertThatThrownBy(() -> new ReadAll(0)).hasMessageContaining("1-255");
        assertThatThrownBy(() -> new OpenAll(-1)).hasMessageContaining("0 (broadcast) or 1-255");
        assertThatThrownBy(() -> new AllStates(1, List.of())).hasMessageContaining("1-48 channels, not 0");
        assertThatThrownBy(() -> new AllStates(1, java.util.Collections.nCopies(49, LOCKED_CLOSED)))
                .hasMessageContaining("not 49");
        assertThatThrownBy(() -> ChannelStatus.ofByte(4)).hasMessageContaining("reserved");
    }

    @Test
    void aFullBoardReplyIsTheLongestFrame() {
        byte[] bytes = LockBoardCodec.encode(new AllStates(1, java.util.Collections.nCopies(48, UNLOCKED_OPEN)));
        assertThat(bytes).hasSize(54).hasSize(LockBoardCodec.MAX_FRAME);
    }

    private static void assertGolden(LockBoardFrame frame, String hex, Reads side) {
        Bytes golden = Bytes.hex(hex);
        assertThat(Bytes.of(LockBoardCodec.encode(frame))).isEqualTo(golden);
        assertThat(decodeOne(side, golden)).isEqualTo(new LockBoardEvent.Frame(frame));
    }

    /** Decodes bytes that must make exactly one event. */
    static LockBoardEvent decodeOne(Reads side, Bytes bytes) {
        LockBoardDecoder decoder = new LockBoardDecoder(side);
        List<LockBoardEvent> events = new java.util.ArrayList<>(decoder.feed(bytes.toArray()));
        events.addAll(decoder.flush());
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
