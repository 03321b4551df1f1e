package org.anju.agent.door;

/** When an unlocked door locks again, before its pulse runs out. */
public enum RelockOn {
    /** As soon as the door opens: the latch is thrown for the next closing, no tailgating window. */
    DOOR_OPEN,
    /** Only once the door has closed again: for locks whose bolt would catch on a swinging door. */
    DOOR_CLOSE
}
