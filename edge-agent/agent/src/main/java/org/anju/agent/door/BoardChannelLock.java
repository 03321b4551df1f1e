package org.anju.agent.door;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.anju.agent.bus.BusOutcome;
import org.anju.agent.bus.LockBoardClient;
import org.anju.agent.control.LockResult;
import org.anju.protocol.lockboard.LockBoardFrame;

import io.vertx.core.Vertx;

/**
 * A lock on one channel of a lock board, driven through the bus. Boards of this family only
 * pulse a channel open (the pulse length is the board's own) and relock by themselves, so
 * "hold unlocked" re-sends the open command while the hold lasts, and "lock" just stops doing so.
 */
public final class BoardChannelLock implements LockActuator {
    private final Vertx vertx;
    private final LockBoardClient client;
    private final int board;
    private final int channel;
    private final Duration repeatEvery;
    private long holdTimer = -1;

    public BoardChannelLock(Vertx vertx, LockBoardClient client, int board, int channel, Duration boardPulse) {
        this.vertx = vertx;
        this.client = client;
        this.board = board;
        this.channel = channel;
        this.repeatEvery = boardPulse.dividedBy(2);
    }

    @Override
    public CompletionStage<LockResult> unlock(Duration pulse) {
        return open();
    }

    @Override
    public CompletionStage<LockResult> holdUnlocked() {
        if (holdTimer < 0) {
            holdTimer = vertx.setPeriodic(repeatEvery.toMillis(), id -> open());
        }
        return open();
    }

    @Override
    public CompletionStage<LockResult> lock() {
        if (holdTimer >= 0) {
            vertx.cancelTimer(holdTimer);
            holdTimer = -1;
        }
        return CompletableFuture.completedFuture(new LockResult.Done(false)); // the board relocks by itself
    }

    private CompletionStage<LockResult> open() {
        return client.command(new LockBoardFrame.OpenChannel(board, channel)).thenApply(BoardChannelLock::toLockResult);
    }

    static LockResult toLockResult(BusOutcome<LockBoardFrame.Reply> outcome) {
        if (outcome instanceof BusOutcome.Answered<LockBoardFrame.Reply> answered) {
            if (answered.reply() instanceof LockBoardFrame.OpenResult r) {
                return r.opened() ? new LockResult.Done(true) // the board reports the lock released
                        : new LockResult.Offline("the lock did not release (jammed bolt or dead coil)");
            }
            return new LockResult.Done(false);
        }
        if (outcome instanceof BusOutcome.NoAnswer) {
            return new LockResult.TimedOut();
        }
        return new LockResult.Offline(outcome.problem());
    }
}
