package org.anju.profiles.validate;

import java.util.HashSet;
import java.util.Set;

/**
 * Ids of site entries that were written but could not be read. Their own problems are already
 * reported; a reference to one of them is not reported again as "there is no ...".
 */
public record Broken(Set<String> devices, Set<String> doors, Set<String> alarmInputs, Set<String> floors) {

    public static Broken none() {
        return new Broken(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
    }
}
