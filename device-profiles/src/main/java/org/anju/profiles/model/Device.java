package org.anju.profiles.model;

/** A device on a bus: its id in the site, its resolved profile and its bus address. */
public record Device(String id, Profile profile, int address) {
}
