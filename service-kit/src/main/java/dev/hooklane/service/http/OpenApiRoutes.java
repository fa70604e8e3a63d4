package dev.hooklane.service.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: a service's OpenAPI 3.1 document of every route, as shipped with the service. */
public final class OpenApiRoutes {

    private final byte[] document;

    /** @param resource the class path resource that holds the document, e.g. {@code openapi.json} */
    public OpenApiRoutes(String resource) {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + resource + " is missing from the service");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", this::serve);
    }

    private void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
