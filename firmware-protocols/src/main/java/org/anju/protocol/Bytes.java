package org.anju.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes with value equality, so that frames, garbage and CRC errors can be
 * compared, logged and kept in records without aliasing a caller's buffer.
 */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Bytes copyOf(byte[] source, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    public static Bytes of(byte... bytes) {
        return new Bytes(bytes.clone());
    }

    /** Parses "01 03 00 00" or "01030000"; for tests, documents and command lines. */
    public static Bytes hex(String text) {
        return new Bytes(HexFormat.of().parseHex(text.replaceAll("\\s+", "")));
    }

    public int length() {
        return bytes.length;
    }

    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    public byte[] toArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
