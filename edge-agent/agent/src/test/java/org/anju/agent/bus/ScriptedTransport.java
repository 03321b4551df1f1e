package org.anju.agent.bus;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written transport for scheduling tests: records every frame written and holds each
 * reply until the test releases it, so a test can see exactly what went on the line and when.
 */
final class ScriptedTransport implements ByteTransport {
    final List<byte[]> written = new CopyOnWriteArrayList<>();
    private final Semaphore replies = new Semaphore(0);
    private volatile byte[] lastWritten;

    /** Lets the request now on the line be answered with an echo of itself. */
    void answerOne() {
        replies.release();
    }

    void answerAll() {
        replies.release(10_000);
    }

    @Override
    public void open() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void write(byte[] frame) {
        lastWritten = frame;
        written.add(frame);
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        try {
            if (!replies.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        byte[] echo = lastWritten;
        System.arraycopy(echo, 0, buffer, 0, echo.length);
        return echo.length;
    }

    @Override
    public void discardInput() {
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public void close() {
    }
}
