package org.anju.protocol.lockboard;

/**
 * What a board reports for one channel: its lock output and its door sensor. The two are
 * independent on purpose: a door open while its lock is locked is how the gateway sees a door
 * that was forced, or held open past the unlock pulse.
 */
public record ChannelStatus(boolean unlocked, boolean doorOpen) {
    static final int UNLOCKED_BIT = 0x01;
    static final int DOOR_OPEN_BIT = 0x02;
    static final int RESERVED_BITS = 0xFC;

    public static final ChannelStatus LOCKED_CLOSED = new ChannelStatus(false, false);

    /** Throws for reserved bits; the decoder checks them first and rejects the frame instead. */
    public static ChannelStatus ofByte(int status) {
        if ((status & ~(UNLOCKED_BIT | DOOR_OPEN_BIT)) != 0) {
            throw new IllegalArgumentException(String.format("status byte %02X sets reserved bits", status));
        }
        return new ChannelStatus((status & UNLOCKED_BIT) != 0, (status & DOOR_OPEN_BIT) != 0);
    }

    public int toByte() {
        return (unlocked ? UNLOCKED_BIT : 0) | (doorOpen ? DOOR_OPEN_BIT : 0);
    }
}
