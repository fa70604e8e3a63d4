package dev.hooklane.local.observability;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads. A small tokenizer, not a parser: it skips strings,
 * label matchers ({@code {...}}), ranges ({@code [...]}), the label lists of {@code by},
 * {@code without}, {@code on}, {@code ignoring} and {@code group_left/right}, function and
 * aggregation names (an identifier followed by {@code (}, {@code by} or {@code without}), keywords and numbers. What remains are
 * metric names, histogram suffixes ({@code _bucket}, {@code _count}, {@code _sum}) included.
 */
final class PromqlNames {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromqlNames() {
    }

    static Set<String> in(String expression) {
        Set<String> names = new TreeSet<>();
        String text = expression;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(text, i);
            } else if (c == '{') {
                i = skipPast(text, i, '}');
            } else if (c == '[') {
                i = skipPast(text, i, ']');
            } else if (c == '#') {
                i = skipPast(text, i, '\n');
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                i = skipNumber(text, i);
            } else if (c == '$') {
                i = skipIdentifier(text, i + 1);
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = skipIdentifier(text, i);
                String word = text.substring(i, end);
                int next = skipSpaces(text, end);
                // A function call, or an aggregation whose grouping comes first: sum by (x) (...).
                boolean call = next < text.length() && text.charAt(next) == '('
                        || Set.of("by", "without").contains(text.substring(next, skipIdentifier(text, next)));
                if (LABEL_LISTS.contains(word) && call) {
                    i = skipPast(text, next, ')');
                } else {
                    if (!call && !KEYWORDS.contains(word)) {
                        names.add(word);
                    }
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static int skipString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipPast(String text, int start, char close) {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != close) {
            char c = text.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(text, i) : i + 1;
        }
        return i + 1;
    }

    private static int skipIdentifier(String text, int start) {
        int i = start;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == ':')) {
            i++;
        }
        return i;
    }

    private static int skipNumber(String text, int start) {
        int i = start;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int start) {
        int i = start;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
