/**
 * The protocol layer: the bytes on Anju's buses as pure codecs, a sub-package per protocol
 * ({@code modbus}, {@code lockboard}, {@code wiegand}, and {@code pile}, the charging pile's
 * register vocabulary). Here only {@link Bytes}, the immutable byte run every codec's results
 * carry, so frames and garbage can be compared, logged and kept without aliasing a caller's buffer.
 * Nothing under {@code org.anju.protocol} does I/O or imports the reference firmware
 * ({@code ProtocolArchitectureTest}): the gateway reaches its devices through this layer only.
 */
package org.anju.protocol;
