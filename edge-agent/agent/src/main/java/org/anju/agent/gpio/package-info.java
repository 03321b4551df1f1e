/**
 * The GPIO header as the agent sees it: {@link GpioBoard} claims outputs and debounced inputs by
 * number, in logical terms whatever the wiring's level, and drives outputs to a defined state when
 * claimed and at shutdown. {@link Pi4jGpioBoard} loads only the provider the site file names (mock,
 * gpiod, linuxfs), since Pi4J's auto-detection would silently prefer the mock on a real gateway.
 * {@link Debouncer} and {@link WiegandBits} are pure, on the caller's timestamps; a pin that cannot
 * be claimed is a {@link PinClaim} reason, not an exception.
 */
package org.anju.agent.gpio;
