/**
 * The fleet view: each building's gateway as its signed status (CONTRACT.md 4.1), its births and
 * deaths, its roster and its lost events say it is. {@link FleetIntake} keeps the newest status per
 * gateway in the store; {@link FleetView} judges, purely, what is wrong and since when, a gateway
 * that stopped reporting never shown as healthy.
 */
package org.anju.bridge.park.fleet;
