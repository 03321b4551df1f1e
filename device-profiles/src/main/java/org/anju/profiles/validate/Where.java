package org.anju.profiles.validate;

import org.anju.profiles.Location;

/** How a message refers to another place: "line 12" in the same file, "FILE:12" in another. */
final class Where {

    private Where() {
    }

    static String relative(Location other, Location here) {
        return other.file().equals(here.file()) ? "line " + other.line() : other.file() + ":" + other.line();
    }
}
