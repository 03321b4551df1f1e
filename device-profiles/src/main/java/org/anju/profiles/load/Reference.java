package org.anju.profiles.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.schema.Field;
import org.anju.profiles.schema.FieldType;
import org.anju.profiles.schema.Section;

/**
 * The reference page of every key, rendered from the same sections the reader checks files
 * against. The README embeds it, and a test fails when the two differ, so it cannot go stale.
 */
public final class Reference {

    private Reference() {
    }

    /** Every section, each once: the profile kinds with the sections they use, then the site file's. */
    public static List<Section> sections() {
        Set<Section> seen = new LinkedHashSet<>();
        for (ProfileKind kind : ProfileKind.values()) {
            walk(ProfileReader.sectionOf(kind), seen);
        }
        walk(SiteSections.SITE, seen);
        return List.copyOf(seen);
    }

    private static void walk(Section section, Set<Section> seen) {
        if (!seen.add(section)) {
            return;
        }
        for (Field f : section.fields()) {
            if (f.type() instanceof FieldType.MapType m) {
                walk(m.section(), seen);
            } else if (f.type() instanceof FieldType.ListType l) {
                walk(l.section(), seen);
            }
        }
    }

    /** The markdown of all sections: a heading, a sentence and a table of keys per section. */
    public static String markdown() {
        return markdown(sections());
    }

    /** The markdown of the sections with these names (e.g. {@code park}), for a page about one part. */
    public static String markdownOf(String... names) {
        List<String> wanted = List.of(names);
        return markdown(sections().stream().filter(s -> wanted.contains(s.name())).toList());
    }

    private static String markdown(List<Section> sections) {
        List<String> lines = new ArrayList<>();
        for (Section s : sections) {
            lines.add("### " + s.name());
            lines.add("");
            lines.add(s.summary());
            lines.add("");
            lines.add("| key | type | unit | default | meaning |");
            lines.add("|---|---|---|---|---|");
            for (Field f : s.fields()) {
                lines.add("| `" + f.key() + "` | " + cell(f.type().doc()) + " | " + cell(f.unit()) + " | "
                        + cell(f.required() ? "**required**" : f.defaultDoc()) + " | " + cell(f.meaning()) + " |");
            }
            lines.add("");
        }
        return String.join("\n", lines);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** Prints the reference, to paste into the README between its reference markers. */
    public static void main(String[] args) {
        System.out.println(markdown());
    }
}
