package org.anju.bridge.park.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be: at least {@link #MIN_LENGTH} characters (a phrase is easier to type on
 * a phone than symbols), at most {@link #MAX_LENGTH}, no control characters, not the login (nor the login and a number), and
 * not one of the passwords everybody tries first: the list shipped in
 * {@code park/common-passwords.txt} (leaked-password favourites, Chinese keyboard and number
 * patterns such as 5201314, woaini1314 and 1qaz2wsx among them), also with digits or symbols added
 * at the end, nor digits only (phone numbers, birthdays) or one or two characters repeated.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("/park/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("park/common-passwords.txt is missing from the jar");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read park/common-passwords.txt", e);
        }
        return Set.copyOf(words);
    }

    /** What is wrong with {@code password} for {@code login}, in one sentence; empty if it is acceptable. */
    public static Optional<String> problem(String password, String login) {
        return weakness(password, login).map(Weakness::text);
    }

    /**
     * What is wrong with a password: the catalog's code for people ({@code {min}} and {@code {max}}
     * are {@link #MIN_LENGTH} and {@link #MAX_LENGTH}) and the same in English for logs and scripts.
     */
    public record Weakness(String code, String text) {
    }

    /** What is wrong with {@code password} for {@code login}; empty if it is acceptable. */
    public static Optional<Weakness> weakness(String password, String login) {
        if (password == null || password.length() < MIN_LENGTH) {
            return weak("landlord.password.short", "the password must have at least " + MIN_LENGTH
                    + " characters; a few words are easy to type");
        }
        if (password.length() > MAX_LENGTH) {
            return weak("landlord.password.long", "the password may have at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return weak("landlord.password.control", "the password may not contain control characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        if (login != null && (lower.equals(login.toLowerCase(Locale.ROOT)) || stem.equals(login.toLowerCase(Locale.ROOT)))) {
            return weak("landlord.password.login", "the password may not be the login");
        }
        if (COMMON.contains(lower) || !stem.isEmpty() && COMMON.contains(stem) || COMMON.contains(lower.replace(" ", ""))) {
            return weak("landlord.password.common", "this password is among the most common ones, which are tried first; choose another");
        }
        if (lower.chars().distinct().count() <= 2) {
            return weak("landlord.password.repeats", "the password repeats one or two characters; choose another");
        }
        if (lower.chars().allMatch(Character::isDigit)) {
            return weak("landlord.password.digits",
                    "a password of digits only is guessed first (phone numbers, birthdays, lucky numbers); add words");
        }
        return Optional.empty();
    }

    private static Optional<Weakness> weak(String code, String text) {
        return Optional.of(new Weakness(code, text));
    }
}
