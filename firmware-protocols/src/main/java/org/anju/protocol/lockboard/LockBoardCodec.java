package org.anju.protocol.lockboard;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.Bytes;
import org.anju.protocol.lockboard.LockBoardFrame.AllStates;
import org.anju.protocol.lockboard.LockBoardFrame.ChannelState;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAll;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAllDone;
import org.anju.protocol.lockboard.LockBoardFrame.OpenChannel;
import org.anju.protocol.lockboard.LockBoardFrame.OpenResult;
import org.anju.protocol.lockboard.LockBoardFrame.ReadAll;
import org.anju.protocol.lockboard.LockBoardFrame.ReadChannel;

/**
 * Turns lock-board frames into bytes and whole frames back into values. Framing a stream is
 * {@link LockBoardDecoder}'s job; this class sees exactly one frame at a time and never throws
 * on its bytes.
 */
public final class LockBoardCodec {
    static final int START_OPEN = 0x8A;
    static final int START_READ = 0x80;
    static final int CMD_OPEN = 0x11;
    static final int CMD_OPEN_ALL = 0x9D;
    static final int CMD_READ = 0x33;
    static final int OPENED = 0x11;
    static final int NOT_OPENED = 0x00;
    static final int ALL_CHANNELS = 0;
    /** Start, board, channel, command or status, checksum. */
    static final int SHORT_FRAME = 5;
    /** Start, board, 00, count, trailer and checksum around the status bytes of a read-all reply. */
    static final int ALL_STATES_OVERHEAD = 6;
    static final int MAX_FRAME = ALL_STATES_OVERHEAD + LockBoardFrame.MAX_CHANNELS;

    private LockBoardCodec() {
    }

    /** The bytes on the wire, checksum included. */
    public static byte[] encode(LockBoardFrame frame) {
        if (frame instanceof OpenChannel f) {
            return shortFrame(START_OPEN, f.board(), f.channel(), CMD_OPEN);
        } else if (frame instanceof OpenAll f) {
            return shortFrame(START_OPEN, f.board(), ALL_CHANNELS, CMD_OPEN_ALL);
        } else if (frame instanceof ReadChannel f) {
            return shortFrame(START_READ, f.board(), f.channel(), CMD_READ);
        } else if (frame instanceof ReadAll f) {
            return shortFrame(START_READ, f.board(), ALL_CHANNELS, CMD_READ);
        } else if (frame instanceof OpenResult f) {
            return shortFrame(START_OPEN, f.board(), f.channel(), f.opened() ? OPENED : NOT_OPENED);
        } else if (frame instanceof OpenAllDone f) {
            return shortFrame(START_OPEN, f.board(), ALL_CHANNELS, CMD_OPEN_ALL);
        } else if (frame instanceof ChannelState f) {
            return shortFrame(START_READ, f.board(), f.channel(), f.status().toByte());
        }
        return allStates((AllStates) frame);
    }

    /** XOR of {@code length} bytes: what the last byte of a frame must equal for the bytes before it. */
    public static int checksum(byte[] data, int offset, int length) {
        int x = 0;
        for (int i = offset; i < offset + length; i++) {
            x ^= data[i];
        }
        return x & 0xFF;
    }

    private static byte[] shortFrame(int start, int board, int channel, int command) {
        byte[] frame = {(byte) start, (byte) board, (byte) channel, (byte) command, 0};
        frame[4] = (byte) checksum(frame, 0, 4);
        return frame;
    }

    private static byte[] allStates(AllStates f) {
        int n = f.channels().size();
        byte[] frame = new byte[n + ALL_STATES_OVERHEAD];
        frame[0] = (byte) START_READ;
        frame[1] = (byte) f.board();
        frame[2] = ALL_CHANNELS;
        frame[3] = (byte) n;
        for (int i = 0; i < n; i++) {
            frame[4 + i] = (byte) f.channels().get(i).toByte();
        }
        frame[n + 4] = (byte) CMD_READ;
        frame[n + 5] = (byte) checksum(frame, 0, n + 5);
        return frame;
    }

    /**
     * Reads one whole frame whose framing and checksum the decoder has already checked, and
     * judges its fields: a {@link LockBoardEvent.Frame} or a {@link LockBoardEvent.Rejected}.
     */
    static LockBoardEvent decode(LockBoardDecoder.Reads reads, byte[] data, int offset, int length) {
        Bytes bytes = Bytes.copyOf(data, offset, length);
        String problem = reads == LockBoardDecoder.Reads.REQUESTS ? requestProblem(bytes) : replyProblem(bytes);
        if (problem != null) {
            return new LockBoardEvent.Rejected(bytes, problem);
        }
        return new LockBoardEvent.Frame(reads == LockBoardDecoder.Reads.REQUESTS ? request(bytes) : reply(bytes));
    }

    /** Why a framed request is illegal, or null. Framing guarantees start and command bytes agree. */
    private static String requestProblem(Bytes b) {
        int board = b.get(1);
        int channel = b.get(2);
        int command = b.get(3);
        if (command == CMD_OPEN_ALL) {
            return channel == ALL_CHANNELS ? null : "open-all (9D) must name channel 00, not " + hex(channel);
        }
        if (board == LockBoardFrame.BROADCAST) {
            return "board address 00 (broadcast) only carries open-all (9D)";
        }
        if (command == CMD_OPEN && channel == ALL_CHANNELS) {
            return "open (11) needs a channel 1-48, not 00; open-all is command 9D";
        }
        return channelProblem(channel);
    }

    private static LockBoardFrame.Request request(Bytes b) {
        int board = b.get(1);
        int channel = b.get(2);
        int command = b.get(3);
        if (command == CMD_OPEN_ALL) {
            return new OpenAll(board);
        }
        if (command == CMD_OPEN) {
            return new OpenChannel(board, channel);
        }
        return channel == ALL_CHANNELS ? new ReadAll(board) : new ReadChannel(board, channel);
    }

    private static String replyProblem(Bytes b) {
        int board = b.get(1);
        int channel = b.get(2);
        int status = b.get(3);
        if (board == LockBoardFrame.BROADCAST) {
            return "a reply carries the board's own address 1-255, not 00";
        }
        if (b.get(0) == START_OPEN) {
            if (channel == ALL_CHANNELS) {
                return status == CMD_OPEN_ALL ? null : "open reply for channel 00 must be the open-all echo 9D, not " + hex(status);
            }
            if (status != OPENED && status != NOT_OPENED) {
                return "open reply status must be 11 (opened) or 00 (failed), not " + hex(status);
            }
            return channelProblem(channel);
        }
        if (channel != ALL_CHANNELS) {
            String problem = channelProblem(channel);
            return problem != null ? problem : statusProblem(channel, status);
        }
        for (int i = 0; i < status; i++) {
            String problem = statusProblem(i + 1, b.get(4 + i));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static LockBoardFrame.Reply reply(Bytes b) {
        int board = b.get(1);
        int channel = b.get(2);
        if (b.get(0) == START_OPEN) {
            return channel == ALL_CHANNELS ? new OpenAllDone(board) : new OpenResult(board, channel, b.get(3) == OPENED);
        }
        if (channel != ALL_CHANNELS) {
            return new ChannelState(board, channel, ChannelStatus.ofByte(b.get(3)));
        }
        List<ChannelStatus> states = new ArrayList<>(b.get(3));
        for (int i = 0; i < b.get(3); i++) {
            states.add(ChannelStatus.ofByte(b.get(4 + i)));
        }
        return new AllStates(board, states);
    }

    private static String channelProblem(int channel) {
        return channel <= LockBoardFrame.MAX_CHANNELS ? null : "channel must be 1-48, not " + channel;
    }

    private static String statusProblem(int channel, int status) {
        return (status & ChannelStatus.RESERVED_BITS) == 0 ? null
                : "status " + hex(status) + " of channel " + channel + " sets reserved bits 2-7";
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }
}
