package org.anju.profiles.model;

/**
 * A device model: everything the agent needs to drive one kind of device, independent of where
 * it is wired. Site files refer to profiles by {@link #id()}.
 */
public sealed interface Profile permits DoorLockProfile, WiegandReaderProfile, LockBoardProfile, ChargingPileProfile,
        EnergyMeterProfile, RelayBoardProfile, WirelessLockProfile, TurnstileProfile {

    String id();

    ProfileKind kind();

    /** The protocol name, one of {@link Protocols}. */
    String protocol();

    /** What the model is, for people. */
    String description();
}
