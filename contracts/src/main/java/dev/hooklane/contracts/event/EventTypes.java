package dev.hooklane.contracts.event;

import java.util.regex.Pattern;

/**
 * Event type names: 1 to 128 characters, starting with a letter or digit, then letters, digits and
 * {@code . _ - :}. Dots separate segments that prefix patterns ({@code report.*}) can match.
 */
public final class EventTypes {

    /** Longest accepted event type name. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private EventTypes() {
    }

    public static boolean isValid(String type) {
        return type != null && NAME.matcher(type).matches() && !type.endsWith(".") && !type.contains("..");
    }

    /** Why a name is refused, in one sentence for an API answer. */
    public static String rule() {
        return "an event type has 1 to " + MAX_LENGTH + " characters: letters, digits and . _ - :, "
                + "starts with a letter or digit, and has no empty dot-separated segment";
    }
}
