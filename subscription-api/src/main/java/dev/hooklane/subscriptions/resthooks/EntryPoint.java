package dev.hooklane.subscriptions.resthooks;

import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Seed 002's entry points: {@code /v1/EntryPoints/{projectCode}/process/?c=<code>} names the call
 * in its {@code c} query parameter.
 */
enum EntryPoint {
    SUBSCRIBE("EPT_WebhookSubscribe"),
    UNSUBSCRIBE("EPT_WebhookUnsubscribe"),
    PERFORM_LIST("EPT_WebhookPerformList");

    /** The route; the seed's clients add a trailing slash, which the server ignores. */
    static final String PATH = "/v1/EntryPoints/{projectCode}/process";
    static final String PARAMETER = "c";

    private final String code;

    EntryPoint(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** The entry point the request names; 422 naming {@code c} when it names none of them. */
    static EntryPoint of(Context ctx) {
        String requested = ctx.queryParam(PARAMETER);
        return Arrays.stream(values()).filter(e -> e.code.equals(requested)).findFirst()
                .orElseThrow(() -> ProblemException.validation(List.of(new FieldError(PARAMETER, (requested == null ? "is required" : "is unknown")
                        + "; the entry points are " + Arrays.stream(values()).map(EntryPoint::code).collect(Collectors.joining(", "))))));
    }
}
