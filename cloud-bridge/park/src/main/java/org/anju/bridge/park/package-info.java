/**
 * The park bridge, {@code anju bridge --config park.yaml}: {@link ParkMain} refuses a configuration
 * with problems one line each (exit 2), {@link ParkBridge} composes the store, the keys, MQTT
 * ingest through a shared subscription so instances split the load, roster sync and the HTTP API,
 * and {@link ParkMetrics} serves {@code /metrics}. Each concept has its sub-package; this one only
 * wires them. The park's artefact holds nothing of devices, and the gateway never imports anything
 * under {@code org.anju.bridge.park}.
 */
package org.anju.bridge.park;
