package dev.hooklane.contracts.subscription;

import dev.hooklane.contracts.event.EventTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subscription listens to: an exact event type ({@code reportCreated}), every type
 * ({@code *}), or every type under a dot-separated prefix ({@code report.*} matches
 * {@code report.created} and {@code report.state.changed}).
 */
public final class EventTypePattern {

    /** Matches every event type. */
    public static final String ALL = "*";
    private static final String PREFIX_SUFFIX = ".*";

    private EventTypePattern() {
    }

    public static boolean isValid(String pattern) {
        if (ALL.equals(pattern)) {
            return true;
        }
        if (pattern != null && pattern.endsWith(PREFIX_SUFFIX)) {
            return EventTypes.isValid(pattern.substring(0, pattern.length() - PREFIX_SUFFIX.length()));
        }
        return EventTypes.isValid(pattern);
    }

    public static boolean matches(String pattern, String type) {
        if (ALL.equals(pattern) || pattern.equals(type)) {
            return true;
        }
        return pattern.endsWith(PREFIX_SUFFIX) && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    /** True when one of {@code patterns} matches {@code type}: the subscription listens to it. */
    public static boolean anyMatches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (matches(pattern, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every pattern that matches {@code type}, most specific first: the type itself, each
     * dot-prefix pattern, then {@code *}. An index keyed by pattern answers a type with these
     * lookups only, whatever the number of subscriptions.
     */
    public static List<String> patternsMatching(String type) {
        List<String> patterns = new ArrayList<>();
        patterns.add(type);
        for (int dot = type.lastIndexOf('.'); dot > 0; dot = type.lastIndexOf('.', dot - 1)) {
            patterns.add(type.substring(0, dot) + PREFIX_SUFFIX);
        }
        patterns.add(ALL);
        return patterns;
    }
}
