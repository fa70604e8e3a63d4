package dev.hooklane.subscriptions.request;

import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a step whose validation speaks of the platform's field names and answers with the names of
 * the request the caller sent (e.g. {@code url} becomes seed 003's {@code callbackUrl}).
 */
public final class FieldNames {

    private FieldNames() {
    }

    /**
     * @param renames platform field (or field prefix before {@code [} or {@code .}) to the caller's field
     */
    public static <T> T renamed(Map<String, String> renames, Supplier<T> step) {
        try {
            return step.get();
        } catch (ProblemException e) {
            Problem problem = e.problem();
            if (problem.errors().isEmpty()) {
                throw e;
            }
            throw new ProblemException(problem.withErrors(problem.errors().stream()
                    .map(error -> new FieldError(rename(renames, error.field()), error.message())).toList()), e.retryAfter());
        }
    }

    private static String rename(Map<String, String> renames, String field) {
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String from = rename.getKey();
            if (field.equals(from) || field.startsWith(from + "[") || field.startsWith(from + ".")) {
                return rename.getValue();
            }
        }
        return field;
    }
}
