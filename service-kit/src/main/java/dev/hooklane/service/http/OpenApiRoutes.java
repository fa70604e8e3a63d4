package dev.hooklane.subscriptions.openapi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of every route, as shipped with the service. */
public final class OpenApiRoutes {

    /** The resource that holds the document. */
    public static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the service");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", this::serve);
    }

    private void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
