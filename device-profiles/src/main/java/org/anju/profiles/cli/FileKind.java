package org.anju.profiles.cli;

import java.nio.file.Path;
import java.util.List;

import org.anju.profiles.Problem;
import org.anju.profiles.load.Source;
import org.anju.profiles.yaml.MapNode;
import org.anju.profiles.yaml.YamlDocument;
import org.anju.profiles.yaml.YamlReader;

/**
 * Tells a profile from a site file by what it says, not by its name or folder: a profile has a
 * {@code kind}, a site file a {@code gateway}. A file that cannot be read or parsed is BROKEN.
 */
enum FileKind {
    PROFILE, SITE, NEITHER, BROKEN;

    static FileKind of(Path file) {
        Source.Read read = Source.of(file);
        if (!(read instanceof Source.Loaded loaded)) {
            return BROKEN;
        }
        YamlDocument doc = YamlReader.read(loaded.source().name(), loaded.source().text());
        if (doc.root().isEmpty()) {
            return BROKEN;
        }
        if (doc.root().get() instanceof MapNode map) {
            if (map.has("kind")) {
                return PROFILE;
            }
            if (map.has("gateway") || map.has("park")) {
                return SITE;
            }
        }
        return NEITHER;
    }

    /** Why a BROKEN file could not be read: unreadable, empty, or broken YAML. */
    static List<Problem> problemsOf(Path file) {
        Source.Read read = Source.of(file);
        if (read instanceof Source.Unreadable unreadable) {
            return List.of(unreadable.problem());
        }
        Source source = ((Source.Loaded) read).source();
        YamlDocument doc = YamlReader.read(source.name(), source.text());
        if (!doc.problems().isEmpty()) {
            return doc.problems();
        }
        return List.of(new Problem(source.name(), 1, 1, "the file is empty",
                "a profile starts with id, kind and protocol; a site file with gateway and park"));
    }
}
