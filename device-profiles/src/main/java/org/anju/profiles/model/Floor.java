package org.anju.profiles.model;

import java.util.List;

/**
 * A floor of the building and the rooms on it, as the park's leases name them. A lift takes a
 * renter to the floor of their room, so the room-to-floor map lives here, in the site file.
 */
public record Floor(String name, List<String> rooms) {
    public Floor {
        rooms = List.copyOf(rooms);
    }
}
