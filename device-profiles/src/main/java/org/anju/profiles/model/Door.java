package org.anju.profiles.model;

import java.util.Optional;

/** A door people pass: where it is, the lock that holds it and, optionally, the reader beside it. */
public record Door(String id, String name, String building, String floor, Place place, LockBinding lock,
                   Optional<ReaderBinding> reader) {

    /** A room door or a building entrance, with its number or name. */
    public record Place(Kind kind, String name) {
        public enum Kind {
            ROOM, ENTRANCE
        }
    }
}
