package dev.hooklane.contracts.matching;

import java.util.List;
import java.util.stream.Collectors;

/** A filter expression that does not compile: each problem with its position. */
public final class InvalidExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * One problem of an expression.
     *
     * @param line the line, from 1
     * @param column the column, from 1
     * @param message what is wrong, in CEL's words
     */
    public record Issue(int line, int column, String message) {

        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    private final transient List<Issue> issues;

    InvalidExpressionException(List<Issue> issues) {
        super(issues.stream().map(Issue::toString).collect(Collectors.joining("; ")), null, false, false);
        this.issues = List.copyOf(issues);
    }

    public List<Issue> issues() {
        return issues;
    }
}
