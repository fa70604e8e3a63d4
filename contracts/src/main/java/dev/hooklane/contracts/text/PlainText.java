package dev.hooklane.contracts.text;

/**
 * Rules for text that names or identifies something (event ids, types, subjects, sources, names of
 * subscriptions and event types): what a reader sees is what was sent, and the text survives every
 * store and log as it is.
 */
public final class PlainText {

    private PlainText() {
    }

    /**
     * Whether {@code text} can be written as UTF-8 as it is: no unpaired UTF-16 surrogate (JSON's
     * {@code "\ud800"}), which an encoder would replace with {@code ?}, so that two different
     * values would be stored as one.
     */
    public static boolean isWellFormed(String text) {
        return text.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    /**
     * Whether {@code text} is well-formed and holds no control character (U+0000 to U+001F, U+007F
     * to U+009F) and no line or paragraph separator: nothing that a log line, a header or a terminal
     * would read as structure rather than text.
     */
    public static boolean isPrintable(String text) {
        return text.codePoints().noneMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        });
    }

    /** Why text is refused by {@link #isPrintable}, for a field error. */
    public static String printableRule() {
        return "must not contain control characters, line separators or unpaired UTF-16 surrogates";
    }

    /** Why text is refused by {@link #isWellFormed}, for a field error. */
    public static String wellFormedRule() {
        return "must not contain unpaired UTF-16 surrogates (they cannot be stored as UTF-8)";
    }
}
