package org.anju.profiles;

import java.util.ArrayList;
import java.util.List;


/**
 * Collects the problems found while reading and checking files, so that every problem in a file
 * is reported at once instead of stopping at the first.
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void add(Location at, String message, String hint) {
        found.add(new Problem(at.file(), at.line(), at.column(), message, hint));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** The problems in file order (by file, line, column); problems at one place keep the order they were found in. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(found);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
