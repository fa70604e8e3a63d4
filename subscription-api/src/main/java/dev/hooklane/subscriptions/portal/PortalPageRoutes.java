package dev.hooklane.subscriptions.portal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /portal} and its assets: one page of plain HTML, CSS and JavaScript shipped inside the
 * service, loaded into memory at start. The page reads its token from the link's fragment and calls
 * {@code /portal/api}. Its Content-Security-Policy lets it load only its own files and talk only to
 * this service; {@code frame-ancestors} says which sites may frame it.
 */
public final class PortalPageRoutes {

    /** Where the page is served. */
    public static final String PATH = "/portal";
    private static final String RESOURCES = "portal/";
    private static final Map<String, String> ASSETS = Map.of(
            "portal.js", "text/javascript; charset=utf-8",
            "portal.css", "text/css; charset=utf-8",
            "chart.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8");

    private final byte[] page;
    private final Map<String, byte[]> assets;
    private final String policy;
    private final boolean framingAllowed;

    public PortalPageRoutes(PortalSettings settings) {
        this.page = resource("index.html");
        this.assets = Map.copyOf(ASSETS.keySet().stream().collect(java.util.stream.Collectors.toMap(name -> name, PortalPageRoutes::resource)));
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "form-action 'none'; base-uri 'none'; frame-ancestors " + settings.frameAncestors();
        this.framingAllowed = !PortalSettings.NO_FRAMING.equals(settings.frameAncestors());
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> serve(ctx, "text/html; charset=utf-8", page));
        routes.get(PATH + "/assets/{name}", this::asset);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] body = assets.get(name);
        if (body == null) {
            throw dev.hooklane.service.http.ProblemException.notFound("no portal asset " + name);
        }
        serve(ctx, ASSETS.get(name), body);
    }

    private void serve(Context ctx, String contentType, byte[] body) {
        ctx.header("Content-Security-Policy", policy);
        if (!framingAllowed) {
            ctx.header("X-Frame-Options", "DENY");
        }
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(contentType).result(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = PortalPageRoutes.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the portal resource " + name + " is missing from the service");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the portal resource " + name, e);
        }
    }
}
