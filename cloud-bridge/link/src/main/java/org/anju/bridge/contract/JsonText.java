package org.anju.bridge.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The check an event payload must pass before it is written into a batch as it is: exactly one
 * JSON object (RFC 8259, whitespace around it allowed), no duplicate keys (the park's reader
 * refuses them, and one bad payload must not make a whole batch unreadable), no lone UTF-16
 * surrogate (it has no UTF-8 form), nesting at most {@value #MAX_DEPTH} deep.
 *
 * <p>Hand-written because it runs for every event the uplink sends: a scan with no parser to
 * build, several times faster than creating a Jackson parser per payload. A property test holds
 * it to Jackson's strict reading on arbitrary and mutated input.
 */
public final class JsonText {
    public static final int MAX_DEPTH = 64;

    private final String s;
    private int i;

    private JsonText(String s) {
        this.s = s;
    }

    /** True when {@code text} is exactly one JSON object as described above; never throws. */
    public static boolean isObject(String text) {
        if (text == null) {
            return false;
        }
        JsonText scan = new JsonText(text);
        try {
            scan.space();
            if (scan.peek() != '{' || !scan.value(0)) {
                return false;
            }
            scan.space();
            return scan.i == text.length();
        } catch (StringIndexOutOfBoundsException end) {
            return false;
        }
    }

    /**
     * {@code text} as a JSON string literal that any reader accepts: quotes, backslashes and
     * control characters escaped, and lone surrogates as {@code \\uXXXX} escapes.
     */
    public static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16).append('"');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && k + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(k + 1))) {
                b.append(c).append(text.charAt(++k));
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private char peek() {
        return s.charAt(i);
    }

    private void space() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private boolean value(int depth) {
        char c = peek();
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string(null);
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return number();
        }
    }

    private boolean object(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        i++; // {
        space();
        if (peek() == '}') {
            i++;
            return true;
        }
        List<String> small = new ArrayList<>(4);
        Set<String> large = null;
        while (true) {
            if (peek() != '"') {
                return false;
            }
            StringBuilder key = new StringBuilder();
            if (!string(key)) {
                return false;
            }
            String name = key.toString();
            if (large != null) {
                if (!large.add(name)) {
                    return false;
                }
            } else if (small.contains(name)) {
                return false;
            } else if (small.size() < 8) {
                small.add(name);
            } else {
                large = new HashSet<>(small);
                large.add(name);
            }
            space();
            if (peek() != ':') {
                return false;
            }
            i++;
            space();
            if (!value(depth)) {
                return false;
            }
            space();
            char c = peek();
            i++;
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            space();
        }
    }

    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        i++; // [
        space();
        if (peek() == ']') {
            i++;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            space();
            char c = peek();
            i++;
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            space();
        }
    }

    /** A string literal; its decoded text goes to {@code decoded} when that is not null (keys). */
    private boolean string(StringBuilder decoded) {
        i++; // opening quote
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                char e = s.charAt(i++);
                char value;
                switch (e) {
                    case '"':
                    case '\\':
                    case '/':
                        value = e;
                        break;
                    case 'b':
                        value = '\b';
                        break;
                    case 'f':
                        value = '\f';
                        break;
                    case 'n':
                        value = '\n';
                        break;
                    case 'r':
                        value = '\r';
                        break;
                    case 't':
                        value = '\t';
                        break;
                    case 'u':
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(s.charAt(i++), 16);
                            if (digit < 0) {
                                return false;
                            }
                            code = code * 16 + digit;
                        }
                        value = (char) code;
                        break;
                    default:
                        return false;
                }
                if (decoded != null) {
                    decoded.append(value);
                }
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i >= s.length() || !Character.isLowSurrogate(s.charAt(i))) {
                    return false; // a lone surrogate has no UTF-8 form
                }
                if (decoded != null) {
                    decoded.append(c).append(s.charAt(i));
                }
                i++;
                continue;
            }
            if (decoded != null) {
                decoded.append(c);
            }
        }
    }

    private boolean literal(String word) {
        if (!s.startsWith(word, i)) {
            return false;
        }
        i += word.length();
        return true;
    }

    private boolean number() {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        if (i >= s.length()) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (digits() == 0) {
            return false;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (digits() == 0) {
                return false;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        return i > start;
    }

    private int digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - start;
    }
}
