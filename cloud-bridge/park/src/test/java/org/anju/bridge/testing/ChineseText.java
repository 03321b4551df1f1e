package org.anju.bridge.testing;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Chinese reader should not meet: English words in a text meant for them. Names and units
 * are fine (W, kWh, °C, QR, PIN...), and so are ids and addresses (a word with a digit, a hyphen,
 * a slash or a dot inside: {@code pile-1}, {@code b07}, {@code /api/v1}, {@code openapi.yaml}),
 * and whatever names the caller says the text holds (a renter's name typed in Latin letters).
 */
public final class ChineseText {
    /** Latin words a Chinese reader meets as they are: units, abbreviations, the product's and a language's name. */
    public static final Set<String> ALLOWED = Set.of("W", "kWh", "Wh", "V", "A", "KiB", "JSON", "API", "ID", "QR", "PIN",
            "CSV", "Anju", "English", "MQTT", "HTTP", "IC", "PDF");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

    private ChineseText() {
    }

    /** The English words of {@code text} beyond names, units, ids and {@code names}. */
    public static Set<String> englishWords(String text, Set<String> names) {
        Set<String> words = new TreeSet<>();
        for (String token : text.split("[\\s，。；：、“”‘’（）()【】\\[\\]\"',;:!?！？·•…|=<>+*#]+")) {
            if (token.matches(".*[0-9_/@].*") || token.matches(".*[A-Za-z]-[A-Za-z0-9].*") || token.matches(".*[A-Za-z]\\.[A-Za-z].*")) {
                continue;
            }
            Matcher m = WORD.matcher(token);
            while (m.find()) {
                if (!ALLOWED.contains(m.group()) && !names.contains(m.group())) {
                    words.add(m.group());
                }
            }
        }
        return words;
    }

    public static Set<String> englishWords(String text) {
        return englishWords(text, Set.of());
    }
}
