/**
 * The {@code port.reading} telemetry payload ({@link PortReading}: one charging port's state in
 * OCPP 1.6 words, and its meters) and {@link ReadingThinner}, the contract's thinning at the edge:
 * a reading goes out on a state change, on a move past the power, voltage or temperature deadband,
 * and at least every heartbeat, so the park can tell a quiet port from a silent gateway. Pure: the
 * caller passes the time.
 */
package org.anju.bridge.telemetry;
