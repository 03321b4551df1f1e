package org.anju.profiles.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for near misses: the closest known word within a small edit distance. */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The option closest to {@code word}, if it is within 2 edits (1 for words of up to 4
     * letters, where 2 edits would match almost anything). Case differences are free.
     */
    public static Optional<String> closest(String word, Collection<String> options) {
        String w = word.toLowerCase(Locale.ROOT);
        int allowed = w.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : options) {
            int d = distance(w, option.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = option;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
