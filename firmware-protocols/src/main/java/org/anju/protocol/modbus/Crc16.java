package org.anju.protocol.modbus;

/** The Modbus RTU CRC: CRC-16/MODBUS, init 0xFFFF, reflected polynomial 0xA001, sent low byte first. */
public final class Crc16 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16() {
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** True when the last two bytes of the span are the CRC of the bytes before them. */
    public static boolean matches(byte[] frame, int offset, int length) {
        if (length < 3) {
            return false;
        }
        int crc = compute(frame, offset, length - 2);
        int low = frame[offset + length - 2] & 0xFF;
        int high = frame[offset + length - 1] & 0xFF;
        return crc == (low | high << 8);
    }
}
