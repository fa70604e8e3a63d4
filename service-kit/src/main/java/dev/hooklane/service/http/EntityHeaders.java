package dev.hooklane.service.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the headers that say how to read a request body, before any route reads one, so that a
 * body is never read in a way other than the one its sender declared: at most one
 * {@code Content-Type} (400), no {@code charset} but UTF-8 (415: every body is JSON or read as
 * JSON, and JSON is UTF-8), and no {@code Content-Encoding} but {@code identity} (415: no service
 * decodes compressed bodies, and reading gzip bytes as JSON would only fail later and less clearly).
 */
final class EntityHeaders {

    private EntityHeaders() {
    }

    static void check(Context ctx) {
        List<String> contentTypes = Collections.list(ctx.req().getHeaders("Content-Type"));
        if (contentTypes.size() > 1) {
            throw ProblemException.badRequest("send one Content-Type header, not " + contentTypes.size());
        }
        if (!contentTypes.isEmpty()) {
            charset(contentTypes.getFirst()).filter(charset -> !charset.equalsIgnoreCase("utf-8")).ifPresent(charset -> {
                throw ProblemException.unsupportedMediaType("bodies are read as UTF-8 only, not " + charset + "; send UTF-8 and say charset=utf-8 or no charset");
            });
        }
        for (String encodings : Collections.list(ctx.req().getHeaders("Content-Encoding"))) {
            for (String encoding : encodings.split(",")) {
                if (!encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
                    ctx.header("Accept-Encoding", "identity");
                    throw ProblemException.unsupportedMediaType("the server does not decode Content-Encoding " + encoding.strip() + "; send the body unencoded");
                }
            }
        }
    }

    /** The {@code charset} parameter of a media type, unquoted; its name in any case, as RFC 9110 says (Jetty's parser knows lower case only). */
    static Optional<String> charset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                String value = parameter[1].strip();
                return Optional.of(value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return Optional.empty();
    }
}
