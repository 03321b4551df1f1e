package org.anju.bridge.park.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * How much the bridge holds that it has not acknowledged to the broker: at most {@code messages}
 * messages and {@code bytes} bytes of payload (a message larger than that is taken alone). A
 * message that would go beyond waits in {@link #take} on the MQTT client's thread, so the client
 * stops reading its socket and the broker keeps the rest of a backlog, whatever the broker does
 * with the receive maximum (Mosquitto 2.0.11 sends far beyond it to a client that acknowledges
 * later than it receives). Memory stays flat however long the backlog is.
 */
public final class Intake {
    private final int messages;
    private final long bytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private int heldMessages;
    private long heldBytes;
    private int peak;

    public Intake(int messages, long bytes) {
        if (messages < 1 || bytes < 1) {
            throw new IllegalArgumentException("an intake holds at least one message");
        }
        this.messages = messages;
        this.bytes = bytes;
    }

    /**
     * Waits until a message of {@code size} bytes fits, and counts it; false (nothing counted) if
     * {@code gone} turns true meanwhile (its connection was dropped) or the thread is interrupted.
     */
    public boolean take(int size, BooleanSupplier gone) {
        lock.lock();
        try {
            while (heldMessages >= messages || heldMessages > 0 && heldBytes + size > bytes) {
                if (gone.getAsBoolean()) {
                    return false;
                }
                try {
                    room.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            heldMessages++;
            heldBytes += size;
            peak = Math.max(peak, heldMessages);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A message taken is acknowledged or given up: its room is free. */
    public void release(int size) {
        lock.lock();
        try {
            heldMessages--;
            heldBytes -= size;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The messages held now. */
    public int held() {
        lock.lock();
        try {
            return heldMessages;
        } finally {
            lock.unlock();
        }
    }

    /** The most messages ever held at once. */
    public int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    public int limit() {
        return messages;
    }
}
