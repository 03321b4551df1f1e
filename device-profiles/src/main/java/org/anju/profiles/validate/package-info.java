/**
 * The consistency rules no single key can show, run on whatever could be read ({@link SiteDraft},
 * {@link Broken}) so one run reports every problem: two devices at one address or two protocols on
 * a line ({@link BusRules}), a pin wired twice ({@link PinClaims}), a door on a channel its board
 * lacks, a register map a Modbus master cannot read in its requests ({@link ModbusMapRules}), and
 * gateway limits looser than the pile firmware's ({@link PileLimitRules}: the gateway may only be
 * stricter). Each problem names where it is and the place it conflicts with.
 */
package org.anju.profiles.validate;
