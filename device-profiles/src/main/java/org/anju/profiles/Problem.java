package org.anju.profiles;

/**
 * One thing wrong with a profile or site file, in the form a person can act on: where it is,
 * what is wrong and what would be right. Lines and columns count from 1, as editors show them.
 */
public record Problem(String file, int line, int column, String message, String hint) implements Comparable<Problem> {

    public Problem {
        if (file == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a file and a message");
        }
        hint = hint == null ? "" : hint;
    }

    /** {@code FILE:LINE:COL: what is wrong; what would be right} — the one-line form the CLI prints. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message + (hint.isEmpty() ? "" : "; " + hint);
    }

    @Override
    public int compareTo(Problem other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }
}
