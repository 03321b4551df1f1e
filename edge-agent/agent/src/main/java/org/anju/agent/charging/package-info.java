/**
 * A charging port's life as values: readings ({@link PortReading}, {@link PileReading}, made by
 * {@link PortReadings} from the profile decoders', a pile's port and a metered socket alike),
 * sessions ({@link ChargingSession}, metered from the device's own wrapping counter by
 * {@link EnergyMeter}, kept whole as a {@link SessionRecord} to resume after a restart), a tenant's
 * {@link SessionLimits}, OCPP 1.6's words. No clock, thread or I/O; a value a device should never
 * send becomes a faulted port or a {@link ValueUnreadable}, never an exception.
 */
package org.anju.agent.charging;
