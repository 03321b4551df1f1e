package org.anju.protocol.lockboard;

import java.util.List;

/**
 * One frame of the serial lock-board protocol (the "8A open / 80 read" family of multi-channel
 * lock control boards on RS-485). Requests go from the gateway to a board, replies back.
 * Constructors enforce the protocol's limits, so an instance always encodes to a legal frame;
 * see PROTOCOLS-lockboard.md for the bytes.
 */
public sealed interface LockBoardFrame {

    /** Address 0 reaches every board on the line; only open-all may use it, and nobody answers. */
    int BROADCAST = 0;
    int MAX_BOARD = 255;
    /** The most channels one board carries; it bounds the read-all reply to 54 bytes. */
    int MAX_CHANNELS = 48;

    /** The board address on the wire: the sender's for a reply, the target's for a request. */
    int board();

    sealed interface Request extends LockBoardFrame {
        /** False for a broadcast: boards on a shared line would answer at once and collide. */
        default boolean expectsReply() {
            return board() != BROADCAST;
        }
    }

    sealed interface Reply extends LockBoardFrame {
        /**
         * Whether this reply is the answer to {@code request}. A one-byte checksum lets about one
         * in 256 bursts of noise through, so a gateway only believes a reply that matches what it asked.
         */
        boolean answers(Request request);
    }

    /** Pulse one channel's lock open; the board relocks it by itself when the pulse ends. */
    record OpenChannel(int board, int channel) implements Request {
        public OpenChannel {
            checkUnicast(board);
            checkChannel(channel);
        }
    }

    /** Pulse every channel open, the fire-release command; board 0 releases every board on the line. */
    record OpenAll(int board) implements Request {
        public OpenAll {
            checkBoard(board);
        }
    }

    record ReadChannel(int board, int channel) implements Request {
        public ReadChannel {
            checkUnicast(board);
            checkChannel(channel);
        }
    }

    record ReadAll(int board) implements Request {
        public ReadAll {
            checkUnicast(board);
        }
    }

    /** {@code opened} is false when the lock did not release (a jammed bolt, a dead coil). */
    record OpenResult(int board, int channel, boolean opened) implements Reply {
        public OpenResult {
            checkUnicast(board);
            checkChannel(channel);
        }

        @Override
        public boolean answers(Request request) {
            return request instanceof OpenChannel o && o.board() == board && o.channel() == channel;
        }
    }

    /** The echo of open-all: the board has pulsed every channel; read-all tells which released. */
    record OpenAllDone(int board) implements Reply {
        public OpenAllDone {
            checkUnicast(board);
        }

        @Override
        public boolean answers(Request request) {
            return request instanceof OpenAll o && o.board() == board;
        }
    }

    record ChannelState(int board, int channel, ChannelStatus status) implements Reply {
        public ChannelState {
            checkUnicast(board);
            checkChannel(channel);
            if (status == null) {
                throw new IllegalArgumentException("status is required");
            }
        }

        @Override
        public boolean answers(Request request) {
            return request instanceof ReadChannel r && r.board() == board && r.channel() == channel;
        }
    }

    /** Every channel of one board, channel 1 first; the list size is the board's channel count. */
    record AllStates(int board, List<ChannelStatus> channels) implements Reply {
        public AllStates {
            checkUnicast(board);
            channels = List.copyOf(channels);
            if (channels.isEmpty() || channels.size() > MAX_CHANNELS) {
                throw new IllegalArgumentException("a board reports 1-48 channels, not " + channels.size());
            }
        }

        /** The status of channel {@code channel}, counting from 1 as the wire does. */
        public ChannelStatus channel(int channel) {
            return channels.get(channel - 1);
        }

        @Override
        public boolean answers(Request request) {
            return request instanceof ReadAll r && r.board() == board;
        }
    }

    private static void checkBoard(int board) {
        if (board < BROADCAST || board > MAX_BOARD) {
            throw new IllegalArgumentException("board address must be 0 (broadcast) or 1-255, not " + board);
        }
    }

    private static void checkUnicast(int board) {
        if (board < 1 || board > MAX_BOARD) {
            throw new IllegalArgumentException("board address must be 1-255 here, not " + board);
        }
    }

    private static void checkChannel(int channel) {
        if (channel < 1 || channel > MAX_CHANNELS) {
            throw new IllegalArgumentException("channel must be 1-48, not " + channel);
        }
    }
}
