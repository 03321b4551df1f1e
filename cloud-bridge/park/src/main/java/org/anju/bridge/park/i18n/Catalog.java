package org.anju.bridge.park.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every text a person reads, in Chinese and English, from the one catalog the pages read too
 * ({@code park/web/messages.json}: code to {@code {"zh": ..., "en": ...}}, with {@code {name}}
 * placeholders). The API answers a code with its text in the caller's language, so a page shows
 * a refusal as it shows its own labels.
 */
public final class Catalog {
    public static final String RESOURCE = "park/web/messages.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Catalog PARK = load();

    /** A page's and an answer's language: Chinese first, English second. */
    public enum Lang {
        ZH, EN;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The first of Chinese and English the caller prefers by an {@code Accept-Language} header
         * (quality values honoured); Chinese when it names neither or is absent.
         */
        public static Lang of(String acceptLanguage) {
            if (acceptLanguage == null || acceptLanguage.isBlank()) {
                return ZH;
            }
            Lang best = ZH;
            double bestQ = -1;
            for (String part : acceptLanguage.split(",")) {
                String[] fields = part.trim().split(";");
                String tag = fields[0].trim().toLowerCase(Locale.ROOT);
                double q = 1;
                for (int i = 1; i < fields.length; i++) {
                    String f = fields[i].trim();
                    if (f.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(f.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                Lang lang = tag.startsWith("zh") ? ZH : tag.startsWith("en") ? EN : null;
                if (lang != null && q > 0 && q > bestQ) {   // q=0: not acceptable
                    best = lang;
                    bestQ = q;
                }
            }
            return best;
        }
    }

    private record Entry(String zh, String en) {
    }

    private final Map<String, Entry> entries;

    private Catalog(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The park's catalog, read once from the class path. */
    public static Catalog park() {
        return PARK;
    }

    public boolean has(String code) {
        return entries.containsKey(code);
    }

    public java.util.Set<String> codes() {
        return entries.keySet();
    }

    /** The raw text of a code in a language, placeholders unfilled. */
    public String raw(Lang lang, String code) {
        Entry e = entries.get(code);
        if (e == null) {
            throw new IllegalArgumentException("no text for '" + code + "' in " + RESOURCE);
        }
        return lang == Lang.ZH ? e.zh() : e.en();
    }

    /**
     * The text of {@code code} in {@code lang} with its placeholders filled from {@code args}
     * (name, value, name, value...). A code missing from the catalog is a bug here, not the caller's.
     */
    public String text(Lang lang, String code, Object... args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(String.valueOf(args[i]), args[i + 1]);
        }
        Matcher m = PLACEHOLDER.matcher(raw(lang, code));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholder names a text uses. */
    public static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Catalog read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().startsWith("_")) {
                continue;   // a comment for the translators
            }
            JsonNode zh = f.getValue().get("zh");
            JsonNode en = f.getValue().get("en");
            if (zh == null || en == null || !zh.isTextual() || !en.isTextual()) {
                throw new IllegalArgumentException(RESOURCE + ": '" + f.getKey() + "' needs a zh and an en text");
            }
            entries.put(f.getKey(), new Entry(zh.asText(), en.asText()));
        }
        return new Catalog(Map.copyOf(entries));
    }

    private static Catalog load() {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
