package org.anju.bridge.park.auth;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The hash in steps (so a flood's hash can stand aside) is the JDK's PBKDF2-HMAC-SHA256: every
 * password stored before it still matches, and any stored after matches under the JDK's too.
 */
class PasswordHasherTest {

    @Property(tries = 60)
    void theHashInStepsIsTheJdksPbkdf2(@ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '~')
                                       @CharRange(from = '\u4e00', to = '\u4fff') String password,
                                       @ForAll @Size(min = 1, max = 32) byte[] salt,
                                       @ForAll @IntRange(min = 1, max = 20_000) int iterations) {
        assertThat(PasswordHasher.derive(password.toCharArray(), salt, iterations))
                .isEqualTo(PasswordHasher.jdkDerive(password.toCharArray(), salt, iterations));
    }
}
