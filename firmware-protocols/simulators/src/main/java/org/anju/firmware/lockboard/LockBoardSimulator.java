package org.anju.firmware.lockboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.lockboard.ChannelStatus;
import org.anju.protocol.lockboard.LockBoardCodec;
import org.anju.protocol.lockboard.LockBoardDecoder;
import org.anju.protocol.lockboard.LockBoardEvent;
import org.anju.protocol.lockboard.LockBoardFrame;
import org.anju.protocol.lockboard.LockBoardFrame.AllStates;
import org.anju.protocol.lockboard.LockBoardFrame.ChannelState;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAll;
import org.anju.protocol.lockboard.LockBoardFrame.OpenAllDone;
import org.anju.protocol.lockboard.LockBoardFrame.OpenChannel;
import org.anju.protocol.lockboard.LockBoardFrame.OpenResult;
import org.anju.protocol.lockboard.LockBoardFrame.ReadAll;
import org.anju.protocol.lockboard.LockBoardFrame.ReadChannel;

/**
 * Reference firmware of a lock board: one address, 1-48 channels, each a lock pulsed open by
 * command and a door with a sensor and a door closer. It answers only its own address, runs a
 * broadcast open-all without answering, and stays silent on bad checksums, illegal frames and
 * channels it does not have, as the protocol says.
 *
 * <p>The physical world is driven by method calls: a tenant walking through ({@link #openDoor}),
 * a propped door ({@link #holdOpen}), a forced one ({@link #forceOpen}), a jammed bolt, a cut bus
 * ({@link #silence}). Time moves only by {@link #advance}, so tests need no clock.
 */
public final class LockBoardSimulator implements LineDevice {
    public static final int DEFAULT_CHANNELS = 16;
    public static final Duration DEFAULT_PULSE = Duration.ofSeconds(5);
    /** How long a door closer takes to shut a door a tenant walked through. */
    public static final Duration DEFAULT_DOOR_CLOSER = Duration.ofSeconds(3);

    private final int address;
    private final Duration pulse;
    private final Duration doorCloser;
    private final Channel[] channels;
    private final LockBoardDecoder decoder = new LockBoardDecoder(LockBoardDecoder.Reads.REQUESTS);
    private boolean silenced;
    /** Simulated seconds per second of the board's timers: see {@link #wallPacedTimers}. */
    private double timerPace = 1;

    /** Lock and door of one channel; timers count down simulated time and are zero when idle. */
    private static final class Channel {
        Duration unlockedFor = Duration.ZERO;
        Duration closesIn = Duration.ZERO;
        boolean doorOpen;
        /** Propped or forced: the door closer does not shut it. */
        boolean held;
        boolean jammed;

        boolean unlocked() {
            return isRunning(unlockedFor);
        }

        ChannelStatus status() {
            return new ChannelStatus(unlocked(), doorOpen);
        }
    }

    public LockBoardSimulator(int address) {
        this(address, DEFAULT_CHANNELS, DEFAULT_PULSE, DEFAULT_DOOR_CLOSER);
    }

    public LockBoardSimulator(int address, int channels, Duration pulse, Duration doorCloser) {
        if (address < 1 || address > LockBoardFrame.MAX_BOARD) {
            throw new IllegalArgumentException("a board address is 1-255, not " + address);
        }
        if (channels < 1 || channels > LockBoardFrame.MAX_CHANNELS) {
            throw new IllegalArgumentException("a board has 1-48 channels, not " + channels);
        }
        if (!isRunning(pulse) || !isRunning(doorCloser)) {
            throw new IllegalArgumentException("pulse and door closer times must be positive");
        }
        this.address = address;
        this.pulse = pulse;
        this.doorCloser = doorCloser;
        this.channels = new Channel[channels];
        for (int i = 0; i < channels; i++) {
            this.channels[i] = new Channel();
        }
    }

    public int address() {
        return address;
    }

    public int channels() {
        return channels.length;
    }

    @Override
    public synchronized List<byte[]> receive(byte[] data, int offset, int length) {
        List<byte[]> replies = new ArrayList<>(1);
        if (silenced) {
            return replies;
        }
        for (LockBoardEvent event : decoder.feed(data, offset, length)) {
            if (event instanceof LockBoardEvent.Frame f && f.frame() instanceof LockBoardFrame.Request request) {
                execute(request, replies);
            }
        }
        return replies;
    }

    @Override
    public synchronized List<byte[]> lineIdle() {
        decoder.flush();
        return List.of();
    }

    /**
     * Simulated time runs {@code speed} times faster than the wall, while the board's timers (the
     * unlock pulse, the door closer) keep wall time: a person walks through a door at the wall's
     * pace, and the gateway re-sends an open before a pulse ends to hold a door released.
     * {@code anju simulate --speed} does this.
     */
    public synchronized void wallPacedTimers(double speed) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be above 0 and at most 100000, not " + speed);
        }
        timerPace = speed;
    }

    @Override
    public synchronized void advance(Duration simulated) {
        if (simulated.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + simulated);
        }
        Duration onTimers = timerPace == 1 ? simulated : Duration.ofNanos((long) (simulated.toNanos() / timerPace));
        for (Channel c : channels) {
            c.unlockedFor = countDown(c.unlockedFor, onTimers);
            if (isRunning(c.closesIn)) {
                c.closesIn = countDown(c.closesIn, onTimers);
                c.doorOpen = isRunning(c.closesIn);
            }
        }
    }

    /** What the board would report for {@code channel}; for tests and the demo's display. */
    public synchronized ChannelStatus status(int channel) {
        return channel(channel).status();
    }

    /**
     * A tenant pushes the door: it opens only while the lock is released, and the door closer
     * shuts it again. Returns whether the door is open.
     */
    public synchronized boolean openDoor(int channel) {
        Channel c = channel(channel);
        if (!c.doorOpen) {
            if (!c.unlocked()) {
                return false;
            }
            c.doorOpen = true;
            c.closesIn = doorCloser;
        }
        return true;
    }

    /** As {@link #openDoor}, then the door is propped open: it stays open until {@link #close}. */
    public synchronized boolean holdOpen(int channel) {
        if (!openDoor(channel)) {
            return false;
        }
        Channel c = channel(channel);
        c.held = true;
        c.closesIn = Duration.ZERO;
        return true;
    }

    /** The door is pulled open against the lock and stays open until {@link #close}; the lock still reads locked. */
    public synchronized void forceOpen(int channel) {
        Channel c = channel(channel);
        c.doorOpen = true;
        c.held = true;
        c.closesIn = Duration.ZERO;
    }

    public synchronized void close(int channel) {
        Channel c = channel(channel);
        c.doorOpen = false;
        c.held = false;
        c.closesIn = Duration.ZERO;
    }

    /** The bolt sticks: open commands fail (result 00) until {@link #unjam}. */
    public synchronized void jam(int channel) {
        channel(channel).jammed = true;
    }

    public synchronized void unjam(int channel) {
        channel(channel).jammed = false;
    }

    /**
     * A cut bus wire or a board without power: it neither hears nor answers. Doors still move by
     * hand and timers still run. A frame half heard when the silence began is forgotten.
     */
    public synchronized void silence(boolean silent) {
        if (silent && !silenced) {
            decoder.flush();
        }
        silenced = silent;
    }

    private void execute(LockBoardFrame.Request request, List<byte[]> replies) {
        if (request instanceof OpenAll o) {
            if (o.board() == LockBoardFrame.BROADCAST || o.board() == address) {
                for (Channel c : channels) {
                    open(c);
                }
            }
            if (o.board() == address) {
                replies.add(LockBoardCodec.encode(new OpenAllDone(address)));
            }
            return;
        }
        if (request.board() != address) {
            return;
        }
        if (request instanceof ReadAll) {
            List<ChannelStatus> states = new ArrayList<>(channels.length);
            for (Channel c : channels) {
                states.add(c.status());
            }
            replies.add(LockBoardCodec.encode(new AllStates(address, states)));
        } else if (request instanceof OpenChannel o && o.channel() <= channels.length) {
            boolean opened = open(channels[o.channel() - 1]);
            replies.add(LockBoardCodec.encode(new OpenResult(address, o.channel(), opened)));
        } else if (request instanceof ReadChannel r && r.channel() <= channels.length) {
            replies.add(LockBoardCodec.encode(new ChannelState(address, r.channel(), channels[r.channel() - 1].status())));
        }
    }

    /** A new pulse starts from now even if the lock is already released, as on real boards. */
    private boolean open(Channel c) {
        if (c.jammed) {
            return false;
        }
        c.unlockedFor = pulse;
        return true;
    }

    private Channel channel(int channel) {
        if (channel < 1 || channel > channels.length) {
            throw new IllegalArgumentException("channel must be 1-" + channels.length + ", not " + channel);
        }
        return channels[channel - 1];
    }

    private static Duration countDown(Duration left, Duration passed) {
        return passed.compareTo(left) >= 0 ? Duration.ZERO : left.minus(passed);
    }

    private static boolean isRunning(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
