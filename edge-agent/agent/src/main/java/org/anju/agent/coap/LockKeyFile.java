package org.anju.agent.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wireless locks' pre-shared keys: one {@code endpoint: hex-key} a line, {@code #} comments
 * and blank lines allowed. The file must be readable by the gateway's user only; a problem is
 * reported as {@code file:line: what; how to fix it}, like the site file's, and never quotes a key.
 */
public final class LockKeyFile {
    /** 128 bits, the least a PSK cipher suite is worth running with. */
    static final int MIN_KEY_BYTES = 16;
    static final int MAX_KEY_BYTES = 64;
    private static final Pattern LINE = Pattern.compile("\\s*([^:\\s]+)\\s*:\\s*(\\S*)\\s*");
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEX = Pattern.compile("([0-9A-Fa-f]{2})+");

    /** The keys by identity, or every problem found. */
    public sealed interface Read {
        record Keys(Map<String, byte[]> byIdentity) implements Read {
        }

        record Refused(List<String> problems) implements Read {
        }
    }

    private LockKeyFile() {
    }

    public static Read read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Read.Refused(List.of(file + ": no such file; write the locks' keys there, one 'endpoint: hex-key' a line"));
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> perms = posix.readAttributes().permissions();
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    return new Read.Refused(List.of(file + ": readable by other users (" + PosixFilePermissions.toString(perms)
                            + "); chmod 600 " + file + " so only the gateway's user reads the keys"));
                }
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Read.Refused(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** Reads the text of a key file; {@code name} is how problems name it. */
    public static Read parse(String name, String text) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i];
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add(name + ":" + n + ": not 'endpoint: hex-key'; write e.g. lock-a-701: 3f9a... (32 to 128 hex digits)");
                continue;
            }
            String identity = m.group(1);
            String hex = m.group(2);
            if (!IDENTITY.matcher(identity).matches()) {
                problems.add(name + ":" + n + ": '" + identity + "' is not an endpoint name; use letters, digits, '.', '_' and '-', as in the site file");
            } else if (hex.isEmpty()) {
                problems.add(name + ":" + n + ": " + identity + " has no key; give it 32 to 128 hex digits");
            } else if (!HEX.matcher(hex).matches()) {
                problems.add(name + ":" + n + ": the key of " + identity + " is not an even number of hex digits");
            } else if (hex.length() / 2 < MIN_KEY_BYTES || hex.length() / 2 > MAX_KEY_BYTES) {
                problems.add(name + ":" + n + ": the key of " + identity + " is " + hex.length() / 2 + " bytes; use "
                        + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " random bytes (e.g. openssl rand -hex 16)");
            } else if (lineOf.containsKey(identity)) {
                problems.add(name + ":" + n + ": " + identity + " already has a key on line " + lineOf.get(identity)
                        + "; keep one key per lock");
            } else {
                keys.put(identity, HexFormat.of().parseHex(hex));
                lineOf.put(identity, n);
            }
        }
        return problems.isEmpty() ? new Read.Keys(keys) : new Read.Refused(problems);
    }
}
