package org.anju.agent.bus;

/** A device on a bus went offline or came back; the agent turns each into an event. */
public record DeviceStatus(String bus, String device, boolean online, String reason) {
}
