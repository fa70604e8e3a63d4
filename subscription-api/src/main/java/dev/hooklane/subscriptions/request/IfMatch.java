package dev.hooklane.subscriptions.request;

import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.ProblemException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} precondition of a change to a versioned resource (RFC 9110, 13.1.1). A
 * resource's entity tag is its version, {@code "<version>"}, strong: one version has one
 * representation. Comparison is strong, so a weak tag ({@code W/"3"}) never matches; {@code *}
 * matches any current version.
 *
 * @param tags the versions named; empty with {@code any} false: no precondition
 * @param any {@code If-Match: *}
 */
public record IfMatch(List<Long> tags, boolean any) {

    /** The request header. */
    public static final String HEADER = "If-Match";
    /** The answer header. */
    public static final String ETAG = "ETag";
    private static final Pattern TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7E]*)\"");

    public IfMatch {
        tags = List.copyOf(tags);
    }

    /** No precondition: the change applies to whatever version is current. */
    public static IfMatch none() {
        return new IfMatch(List.of(), false);
    }

    /** The request's precondition; 400 when the header is not a list of entity tags. */
    public static IfMatch of(Context ctx) {
        return parse(Optional.ofNullable(ctx.header(HEADER)));
    }

    static IfMatch parse(Optional<String> header) {
        if (header.isEmpty()) {
            return none();
        }
        String value = header.get().strip();
        if (value.equals("*")) {
            return new IfMatch(List.of(), true);
        }
        List<Long> versions = new ArrayList<>();
        for (String tag : value.split(",", -1)) {
            Matcher matcher = TAG.matcher(tag.strip());
            if (!matcher.matches()) {
                throw ProblemException.badRequest("If-Match must be * or a list of entity tags such as \"3\"");
            }
            if (matcher.group(1) == null && matcher.group(2).matches("[0-9]{1,18}")) {
                versions.add(Long.parseLong(matcher.group(2)));
            }
        }
        // Only tags that cannot match (weak, or not ours): the precondition fails on any version.
        return versions.isEmpty() ? new IfMatch(List.of(-1L), false) : new IfMatch(versions, false);
    }

    public boolean isPresent() {
        return any || !tags.isEmpty();
    }

    /** Passes when there is no precondition or it names {@code version}; 412 otherwise. */
    public void check(long version) {
        if (isPresent() && !any && !tags.contains(version)) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Precondition failed",
                    "the resource is at version " + etag(version) + ", not the one If-Match names; read it again and reapply the change"));
        }
    }

    /** The entity tag of {@code version}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
