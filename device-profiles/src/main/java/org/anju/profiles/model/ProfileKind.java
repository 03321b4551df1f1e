package org.anju.profiles.model;

/** The kinds of device a profile can describe; written in kebab-case in a profile's {@code kind:}. */
public enum ProfileKind {
    DOOR_LOCK, WIEGAND_READER, LOCK_BOARD, CHARGING_PILE, ENERGY_METER, RELAY_BOARD, WIRELESS_LOCK, TURNSTILE;

    /** As written in files: {@code charging-pile}. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** With its article, for messages: "an energy-meter", "a lock-board". */
    public String withArticle() {
        return (this == ENERGY_METER ? "an " : "a ") + yamlName();
    }

    /** Kinds of device that sit on a serial bus at an address. */
    public boolean onBus() {
        return this == LOCK_BOARD || this == CHARGING_PILE || this == ENERGY_METER || this == RELAY_BOARD || this == TURNSTILE;
    }
}
