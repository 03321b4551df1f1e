package org.anju.profiles.model;

/** The gateway itself. {@code id} is unique in the park and appears in MQTT topics. */
public record Gateway(String id, String name) {
}
