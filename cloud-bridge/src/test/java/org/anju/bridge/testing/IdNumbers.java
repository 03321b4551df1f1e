package org.anju.bridge.testing;

import org.anju.bridge.park.privacy.IdNumber;

/** Valid, distinct resident ID numbers for tests that register many people (one person, one lease per building). */
public final class IdNumbers {
    private IdNumbers() {
    }

    /** The {@code n}th (0 to 999) of a series of valid numbers of people born on 1990-03-07 in Beijing's Dongcheng. */
    public static String number(int n) {
        String first17 = "110101" + "19900307" + String.format("%03d", n);
        for (char check : "0123456789X".toCharArray()) {
            if (IdNumber.parse(first17 + check) instanceof IdNumber.Parsed.Valid) {
                return first17 + check;
            }
        }
        throw new IllegalStateException("no check digit for " + first17);
    }
}
