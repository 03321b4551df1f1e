package org.anju.agent.bus;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/** One request on the line with its attempts: silence, send, read until the reply or the timeout. */
final class BusExchange {
    private final ByteTransport transport;
    private final BusSettings settings;
    private final byte[] buffer = new byte[512];
    private long lineQuietSince = System.nanoTime();

    BusExchange(ByteTransport transport, BusSettings settings) {
        this.transport = transport;
        this.settings = settings;
    }

    <T> BusOutcome<T> run(BusRequest<T> request, int attempts) throws IOException {
        long start = System.nanoTime();
        int corrupt = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            keepSilence();
            transport.discardInput();
            transport.write(request.frame());
            if (!request.expectsReply()) {
                lineQuietSince = System.nanoTime();
                return new BusOutcome.Answered<>(null, System.nanoTime() - start, attempt);
            }
            ReplyReader<T> reader = request.reader().get();
            long sent = System.nanoTime();
            long timeout = settings.responseTimeout().toNanos();
            // the timeout is for the device to start answering and for gaps in its answer; a long
            // reply at a slow baud rate (250 bytes at 9600 take 290 ms) may take longer than that
            // to arrive, but never longer than the largest frame at the line rate
            long hardStop = sent + timeout + maxFrameNanos();
            long deadline = sent + timeout;
            boolean damaged = false;
            long left;
            while ((left = Math.min(deadline, hardStop) - System.nanoTime()) > 0) {
                int n = transport.read(buffer, (int) Math.max(1, left / 1_000_000));
                if (n == 0) {
                    continue;
                }
                deadline = System.nanoTime() + timeout;
                ReplyReader.Progress<T> progress = reader.feed(buffer, 0, n);
                if (progress instanceof ReplyReader.Complete<T> complete) {
                    lineQuietSince = System.nanoTime();
                    return new BusOutcome.Answered<>(complete.reply(), System.nanoTime() - start, attempt);
                }
                if (progress instanceof ReplyReader.Corrupt) {
                    damaged = true;
                    break;
                }
            }
            if (damaged) {
                corrupt++;
            }
            lineQuietSince = System.nanoTime();
        }
        return new BusOutcome.NoAnswer<>(request.device(), attempts, corrupt);
    }

    /** How long the largest RTU frame (256 bytes) takes on this line; silence is 3.5 characters. */
    private long maxFrameNanos() {
        return settings.silenceNanos() * 256 * 2 / 7;
    }

    private void keepSilence() {
        long until = lineQuietSince + settings.silenceNanos();
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
