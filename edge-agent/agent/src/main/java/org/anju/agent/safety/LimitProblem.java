package org.anju.agent.safety;

/**
 * One limit that cannot be accepted: which one ({@code field}, the {@link SafetyLimits} component
 * name, as the profile and site files spell it), where its value came from ({@code "site file"} or
 * {@code "profile"}; {@code "pile firmware"} when the pile's own setting is what is wrong), and a
 * sentence saying what is wrong and what would be right.
 */
public record LimitProblem(String field, String source, String message) {

    @Override
    public String toString() {
        return source + ": " + field + ": " + message;
    }
}
