package org.anju.profiles.model;

/** A Wiegand reader at a door, on the pins the site gives it (the profile's by default). */
public record ReaderBinding(WiegandReaderProfile profile, int d0Pin, int d1Pin) {
}
