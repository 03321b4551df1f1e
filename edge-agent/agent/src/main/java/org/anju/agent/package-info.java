/**
 * The gateway process, {@code anju agent --config SITE.yaml}. {@link AgentMain} refuses an invalid
 * site file with the validator's lines (exit 2); {@link Gateway} is the composition root that
 * builds a building from it: store, buses, doors, alarm inputs, charging ({@link ChargingWiring}
 * turns scans into readings for the safety rules and carries out their decisions, commands on the
 * wire first) and the park link. Each part runs where it must, so nothing blocks an event loop.
 * Nothing of the park or the simulators ({@code AgentArchitectureTest}).
 */
package org.anju.agent;
