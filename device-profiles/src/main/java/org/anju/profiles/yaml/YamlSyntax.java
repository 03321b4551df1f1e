package org.anju.profiles.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import org.anju.profiles.Problem;

/**
 * Turns the YAML parser's syntax error into one line a person can act on: SnakeYAML's message is
 * several lines with an excerpt of the file; the editor position already shows the excerpt, so only
 * the statement of the problem is kept, with a hint for the mistakes people make most.
 */
final class YamlSyntax {

    private YamlSyntax() {
    }

    /** SnakeYAML's positions: the last one in its message is where it found the problem. */
    private static final Pattern MARK = Pattern.compile("in '[^']*', line (\\d+), column (\\d+):");

    static Problem problem(String file, JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonLocation where = e.getLocation();
        int line = where == null ? 1 : Math.max(1, where.getLineNr());
        int column = where == null ? 1 : Math.max(1, where.getColumnNr());
        Matcher m = MARK.matcher(message);
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
        }
        String what = plain(statement(message));
        return new Problem(file, line, column, "YAML syntax: " + what, hint(what));
    }

    /** SnakeYAML speaks of its tokens; a person wants the words of the file. */
    private static String plain(String what) {
        if (what.contains("(TAB)")) {
            return "a tab is used for indentation";
        }
        return what.replace("'?'", "a key").replace("'-'", "a list item").replace("<block end>", "the end of the indented block")
                .replace("<block mapping start>", "a new mapping").replace("<block sequence start>", "a new list");
    }

    /** The last line of SnakeYAML's message that states a problem, not a position or an excerpt. */
    static String statement(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        String found = null;
        for (String line : message.split("\\R")) {
            String trimmed = line.strip();
            boolean position = trimmed.startsWith("in '") || trimmed.startsWith("at [Source");
            boolean excerpt = line.startsWith(" ") || trimmed.equals("^");
            if (!trimmed.isEmpty() && !position && !excerpt) {
                found = trimmed;
            }
        }
        return found == null ? message.strip().lines().findFirst().orElse("unreadable") : found;
    }

    private static String hint(String what) {
        if (what.contains("tab")) {
            return "indent with spaces; YAML does not allow tabs";
        }
        if (what.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', or check that this line is indented like its neighbours";
        }
        if (what.contains("could not find expected ':'")) {
            return "write 'key: value' with a space after the colon, or quote text that contains special characters";
        }
        if (what.contains("the end of the indented block")) {
            return "check the indentation: the keys of one mapping, and the '- ' items of one list, line up in one column";
        }
        if (what.contains("found unexpected end of stream") || what.contains("found unexpected end")) {
            return "close the quote or bracket that is still open";
        }
        return "check the indentation and the quoting around this place";
    }
}
