package org.anju.agent.bus;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.anju.protocol.lockboard.LockBoardCodec;
import org.anju.protocol.lockboard.LockBoardDecoder;
import org.anju.protocol.lockboard.LockBoardEvent;
import org.anju.protocol.lockboard.LockBoardFrame;

/** Lock-board requests on a {@link BusScheduler}: the lock-board codec on one side, the bus on the other. */
public final class LockBoardClient {
    private final BusScheduler bus;

    public LockBoardClient(BusScheduler bus) {
        this.bus = bus;
    }

    /** The name by which the bus tracks a board's health. */
    public static String deviceName(int board) {
        return "lock board " + board;
    }

    public CompletableFuture<BusOutcome<LockBoardFrame.Reply>> command(LockBoardFrame.Request request) {
        return bus.command(request(request));
    }

    public AutoCloseable poll(LockBoardFrame.Request request, Duration period,
                              Consumer<BusOutcome<LockBoardFrame.Reply>> onOutcome) {
        BusRequest<LockBoardFrame.Reply> r = request(request);
        return bus.poll(period, () -> r, onOutcome);
    }

    public static BusRequest<LockBoardFrame.Reply> request(LockBoardFrame.Request request) {
        return new BusRequest<>(deviceName(request.board()), LockBoardCodec.encode(request), () -> new Reply(request),
                request.expectsReply());
    }

    /**
     * Believes only the reply that answers this request: a one-byte XOR checksum lets some noise
     * through, and a frame for another board or channel is not this answer.
     */
    private static final class Reply implements ReplyReader<LockBoardFrame.Reply> {
        private final LockBoardFrame.Request request;
        private final LockBoardDecoder decoder = new LockBoardDecoder(LockBoardDecoder.Reads.REPLIES);

        Reply(LockBoardFrame.Request request) {
            this.request = request;
        }

        @Override
        public Progress<LockBoardFrame.Reply> feed(byte[] bytes, int offset, int length) {
            for (LockBoardEvent event : decoder.feed(bytes, offset, length)) {
                if (event instanceof LockBoardEvent.Frame frame && frame.frame() instanceof LockBoardFrame.Reply reply
                        && reply.answers(request)) {
                    return new Complete<>(reply);
                }
                if (event instanceof LockBoardEvent.ChecksumError bad) {
                    return new Corrupt<>("reply with bad checksum: " + bad.bytes());
                }
            }
            return new Incomplete<>();
        }
    }
}
