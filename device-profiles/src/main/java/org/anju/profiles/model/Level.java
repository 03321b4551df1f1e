package org.anju.profiles.model;

/** A logic level on a GPIO line. */
public enum Level {
    HIGH, LOW
}
