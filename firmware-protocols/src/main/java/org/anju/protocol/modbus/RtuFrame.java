package org.anju.protocol.modbus;

/** One Modbus RTU frame: unit address and PDU. The CRC is added and checked by the codec. */
public record RtuFrame(int unit, ModbusPdu pdu) {
    public RtuFrame {
        if (unit < ModbusLimits.BROADCAST_UNIT || unit > ModbusLimits.MAX_UNIT) {
            throw new IllegalArgumentException("unit must be 0 (broadcast) or 1-247, not " + unit);
        }
    }

    /** The bytes on the wire: unit, PDU, CRC low byte, CRC high byte. */
    public byte[] encode() {
        byte[] pduBytes = ModbusPduCodec.encode(pdu);
        if (pduBytes.length + 3 > ModbusLimits.MAX_RTU_FRAME) {
            throw new IllegalArgumentException("frame of " + (pduBytes.length + 3) + " bytes exceeds 256");
        }
        byte[] frame = new byte[pduBytes.length + 3];
        frame[0] = (byte) unit;
        System.arraycopy(pduBytes, 0, frame, 1, pduBytes.length);
        int crc = Crc16.compute(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
        return frame;
    }
}
