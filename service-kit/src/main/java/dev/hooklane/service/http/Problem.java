package dev.hooklane.service.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem
 * @param title the kind of problem in a few words
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param instance the request path
 * @param errors one entry per bad field, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** The media type of problem answers. */
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://hooklane.dev/problems/";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One invalid field.
     *
     * @param field the field's JSON path, e.g. {@code url} or {@code filter[0].values}
     * @param message what is wrong, as a rule the caller can follow
     */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, List.of());
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }
}
