package org.anju.profiles.model;

/**
 * The protocol names profiles may use. The codecs live in firmware-protocols; profiles name
 * them by these strings so this module needs no codec class to describe a device.
 */
public final class Protocols {
    public static final String GPIO = "gpio";
    public static final String WIEGAND_26 = "wiegand-26";
    public static final String WIEGAND_34 = "wiegand-34";
    /** The serial lock-board protocol (frames start with 0x8A); one board drives up to 48 locks. */
    public static final String LOCKBOARD_8A = "lockboard-8a";
    public static final int LOCKBOARD_8A_MAX_CHANNELS = 48;
    public static final String MODBUS_RTU = "modbus-rtu";
    public static final String COAP = "coap";

    private Protocols() {
    }
}
