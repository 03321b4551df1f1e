package org.anju.bridge.park.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ID numbers checked by their check digit and masked, phone numbers checked and masked, ID numbers sealed at rest. */
class PersonalDataTest {
    // the sample number of GB 11643-1999's annex; its check character is X
    private static final String SAMPLE = "11010519491231002X";

    @Test
    void anIdNumberIsCheckedByItsCheckDigitAndShownMaskedOnly() {
        IdNumber id = IdNumber.parse(SAMPLE).valid().orElseThrow();
        assertThat(id.masked()).isEqualTo("110105********002X");
        assertThat(id.toString()).doesNotContain("19491231");
        assertThat(IdNumber.parse("11010519491231002x").valid()).contains(id);
        assertThat(IdNumber.parse("110101199003074477").valid()).isPresent();

        assertThat(((IdNumber.Parsed.Invalid) IdNumber.parse("110105194912310021")).reason()).contains("check digit");
        assertThat(((IdNumber.Parsed.Invalid) IdNumber.parse("11010519491331002X")).reason()).contains("birth date");
        assertThat(((IdNumber.Parsed.Invalid) IdNumber.parse("1101051949123100")).reason()).contains("18 characters");
        assertThat(((IdNumber.Parsed.Invalid) IdNumber.parse("1101051949123100AX")).reason()).contains("17");
        assertThat(IdNumber.mask("abc")).isEqualTo("***");
    }

    @Test
    void aSingleMistypedDigitIsAlwaysCaught() {
        for (int pos = 0; pos < 17; pos++) {
            for (char d = '0'; d <= '9'; d++) {
                if (SAMPLE.charAt(pos) == d) {
                    continue;
                }
                String typo = SAMPLE.substring(0, pos) + d + SAMPLE.substring(pos + 1);
                assertThat(IdNumber.parse(typo)).as(typo).isInstanceOf(IdNumber.Parsed.Invalid.class);
            }
        }
    }

    @Test
    void phoneNumbersAreMainlandMobilesAndShownMasked() {
        assertThat(PhoneNumber.parse("+86 138-0013-8000")).isEqualTo(new PhoneNumber("13800138000"));
        assertThat(PhoneNumber.parse("13800138000").toString()).isEqualTo("138****8000");
        assertThat(PhoneNumber.problem("12800138000")).contains("13 to 19");
        assertThat(PhoneNumber.problem("1380013800")).isNotNull();
        assertThat(PhoneNumber.problem("13800138000")).isNull();
    }

    @Test
    void anIdNumberSealedForOneRowOpensOnlyForThatRowWithThatKey() {
        FieldCipher cipher = FieldCipher.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        String sealed = cipher.encrypt(SAMPLE, "tenant-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("19491231");
        assertThat(cipher.encrypt(SAMPLE, "tenant-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed, "tenant-1")).isEqualTo(SAMPLE);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "tenant-2")).hasMessageContaining("does not decrypt");
        FieldCipher other = FieldCipher.fromHex("ff".repeat(32));
        assertThatThrownBy(() -> other.decrypt(sealed, "tenant-1")).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> FieldCipher.fromHex("abcd")).hasMessageContaining("64 hex digits");
    }
}
