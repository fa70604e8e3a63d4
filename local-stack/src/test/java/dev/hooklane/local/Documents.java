package dev.hooklane.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.testkit.openapi.OpenApiContract;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Holds every exchange of the end-to-end tests to the OpenAPI document the service that answered
 * serves, so that the documents say what the running platform does.
 */
public final class Documents {

    private Documents() {
    }

    /** Fails when the document of {@code url}'s service disagrees with the exchange; nothing for a service without one. */
    public static void check(String method, String url, String requestBody, HttpResponse<String> response) {
        URI uri = URI.create(url);
        OpenApiContract.servedFor(uri).ifPresent(contract -> assertThat(contract.violations(new OpenApiContract.Exchange(method,
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                Optional.ofNullable(requestBody).map(body -> "application/json"), requestBody, response.statusCode(),
                response.headers().firstValue("Content-Type"), response.body()))).isEmpty());
    }
}
