package org.anju.profiles.load;

import java.util.List;
import java.util.Optional;

import org.anju.profiles.Problem;
import org.anju.profiles.Problems;
import org.anju.profiles.model.Profile;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.schema.Conversion;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.schema.ScalarType;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.Location;
import org.anju.profiles.yaml.MapNode;
import org.anju.profiles.yaml.Node;
import org.anju.profiles.yaml.ScalarNode;
import org.anju.profiles.yaml.YamlDocument;
import org.anju.profiles.yaml.YamlReader;

/**
 * Reads one profile file. Its {@code kind} picks the section that describes the other keys; the
 * profile is returned only when the file has no problem at all, so nothing half-read reaches the agent.
 */
public final class ProfileReader {

    /**
     * What a profile file gave.
     *
     * @param profile   present when the file is valid
     * @param id        the id as written, even in a broken file, so references to it are not reported as missing
     * @param idAt      where the id is written
     */
    public record Result(String file, Optional<Profile> profile, Optional<String> id, Location idAt, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private ProfileReader() {
    }

    /** The section for each kind, for the reference page and for tests. */
    public static Section sectionOf(ProfileKind kind) {
        return switch (kind) {
            case DOOR_LOCK -> DoorLockProfiles.SECTION;
            case WIEGAND_READER -> WiegandReaderProfiles.SECTION;
            case LOCK_BOARD -> LockBoardProfiles.SECTION;
            case CHARGING_PILE -> ChargingPileProfiles.SECTION;
            case ENERGY_METER -> EnergyMeterProfiles.SECTION;
            case RELAY_BOARD -> RelayBoardProfiles.SECTION;
            case WIRELESS_LOCK -> WirelessLockProfiles.SECTION;
            case TURNSTILE -> TurnstileProfiles.SECTION;
        };
    }

    public static Result read(Source source) {
        return read(YamlReader.read(source.name(), source.text()));
    }

    static Result read(YamlDocument doc) {
        Problems problems = new Problems();
        problems.addAll(doc.problems());
        Location start = new Location(doc.file(), 1, 1);
        if (doc.root().isEmpty()) {
            if (doc.problems().isEmpty()) {
                problems.add(start, "the file is empty", "a profile starts with id, kind and protocol");
            }
            return new Result(doc.file(), Optional.empty(), Optional.empty(), start, problems.sorted());
        }
        Node root = doc.root().get();
        Optional<String> id = root instanceof MapNode m ? m.get("id").filter(n -> n instanceof ScalarNode).map(n -> ((ScalarNode) n).text()) : Optional.empty();
        Location idAt = root instanceof MapNode m ? m.get("id").map(Node::location).orElse(start) : start;
        Optional<Profile> profile = kindOf(root, problems).flatMap(kind -> bind(kind, root, problems));
        return new Result(doc.file(), problems.isEmpty() ? profile : Optional.empty(), id, idAt, problems.sorted());
    }

    /** The kind must be known before anything else can be checked: it decides which keys are valid. */
    private static Optional<ProfileKind> kindOf(Node root, Problems problems) {
        ScalarType.ChoiceType kinds = ScalarType.ChoiceType.of(ProfileKind.class);
        if (!(root instanceof MapNode map)) {
            problems.add(root.location(), "the file must hold a mapping of keys, not " + root.describe(),
                    "start with id, kind and protocol");
            return Optional.empty();
        }
        Optional<Node> kind = map.get("kind");
        if (kind.isEmpty()) {
            problems.add(map.location(), "missing key 'kind' (which kind of device the profile describes)",
                    "add kind: " + kinds.expectation());
            return Optional.empty();
        }
        if (!(kind.get() instanceof ScalarNode s) || s.isNull()) {
            problems.add(kind.get().location(), "kind must be " + kinds.noun() + ", not " + kind.get().describe(), "write " + kinds.expectation());
            return Optional.empty();
        }
        if (kinds.convert("kind", s) instanceof Conversion.Bad bad) {
            problems.add(s.location(), bad.message(), bad.hint());
            return Optional.empty();
        }
        return Optional.of(ProfileKind.valueOf(s.text().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    }

    private static Optional<Profile> bind(ProfileKind kind, Node root, Problems problems) {
        Origins origins = new Origins();
        return SectionReader.root(sectionOf(kind), root, problems, origins).flatMap(r -> switch (kind) {
            case DOOR_LOCK -> DoorLockProfiles.bind(r).map(Profile.class::cast);
            case WIEGAND_READER -> WiegandReaderProfiles.bind(r).map(Profile.class::cast);
            case LOCK_BOARD -> LockBoardProfiles.bind(r).map(Profile.class::cast);
            case CHARGING_PILE -> ChargingPileProfiles.bind(r).map(Profile.class::cast);
            case ENERGY_METER -> EnergyMeterProfiles.bind(r).map(Profile.class::cast);
            case RELAY_BOARD -> RelayBoardProfiles.bind(r).map(Profile.class::cast);
            case WIRELESS_LOCK -> WirelessLockProfiles.bind(r).map(Profile.class::cast);
            case TURNSTILE -> TurnstileProfiles.bind(r).map(Profile.class::cast);
        });
    }
}
