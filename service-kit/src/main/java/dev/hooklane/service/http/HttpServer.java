package dev.hooklane.service.http;

import dev.hooklane.contracts.json.Json;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.kafka.TopicTable;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a service: Javalin on Jetty with virtual threads, {@code /health},
 * {@code /ready} and {@code /metrics}, and every error answered as problem+json.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** The most a request's head (request line and headers) may take: beyond it, 414 or 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final Set<String> ROUTE_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /**
     * How long {@link #close()} lets requests in flight finish (ingest waits up to about 1.5 times
     * its ack timeout for Kafka) while new connections are refused.
     */
    static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(15);
    /** A route's unread body is drained when it is at most this many times the request limit (see {@link UnreadBodies}). */
    private static final int DRAINED_BODY_FACTOR = 2;
    private static final java.time.Duration IDLE_CONNECTIONS_ON_STOP = java.time.Duration.ofMillis(50);

    private final Javalin app;
    private final String service;

    private HttpServer(Javalin app, String service) {
        this.app = app;
        this.service = service;
    }

    /**
     * Starts listening.
     *
     * @param readiness answers {@code /ready}: 503 while the service cannot take work yet
     * @param liveness answers {@code /health}: 503 once a part of the service has died for good; {@code /ready}
     *     answers 503 naming it too
     * @param routes adds the service's own routes
     */
    public static HttpServer start(String service, HttpSettings settings, PrometheusMeterRegistry registry,
                                   ReadinessCheck readiness, LivenessCheck liveness, Consumer<RoutesConfig> routes) {
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(liveness, "liveness");
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            // A known path with another method is 405 with Allow, not 404: the client has the path right.
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.newMapper(), true));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(DRAIN.toMillis());
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
            });
            config.routes.get("/health", ctx -> liveness.deadReason().ifPresentOrElse(
                    reason -> ctx.status(503).json(Map.of("status", "DOWN", "service", service, "reason", reason)),
                    () -> ctx.json(Map.of("status", "UP", "service", service))));
            // A part that died takes no work either: not ready as well as not alive, so that no traffic waits for the restart.
            config.routes.get("/ready", ctx -> liveness.deadReason().or(readiness::notReadyReason).ifPresentOrElse(
                    reason -> ctx.status(503).json(Map.of("status", "NOT_READY", "reason", reason)),
                    () -> ctx.json(Map.of("status", "READY"))));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
            config.routes.before(EntityHeaders::check);
            routes.accept(config.routes);
            UnreadBodies unreadBodies = new UnreadBodies(DRAINED_BODY_FACTOR * settings.maxRequestBytes());
            config.routes.after(unreadBodies::drain);
            config.routes.exception(ProblemException.class, (e, ctx) -> answer(ctx, e));
            config.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
                String allowed = allowedMethods(e);
                ctx.header("Allow", allowed);
                answer(ctx, new ProblemException(Problem.of(405, "method-not-allowed", "Method not allowed",
                        ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed)));
            });
            // How Jetty reports a broken request body (a malformed chunk, a body that ends early) to a route reading it.
            config.routes.exception(EofException.class, (e, ctx) -> badBody(ctx, e));
            config.routes.exception(TopicTable.TableWriteException.class, (e, ctx) -> answer(ctx,
                    ProblemException.unavailable(e.getMessage(), java.time.Duration.ofSeconds(2))));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, new ProblemException(
                    Problem.of(e.getStatus(), "http-" + e.getStatus(), titleFor(e.getStatus()), e.getMessage()))));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                answer(ctx, new ProblemException(Problem.of(500, "internal", "Internal error",
                        "the request failed inside the service; nothing was changed")));
            });
            config.routes.error(404, ctx -> {
                if (!isProblem(ctx)) {
                    answer(ctx, ProblemException.notFound("no route " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> {
                if (!isProblem(ctx)) {
                    answer(ctx, new ProblemException(Problem.of(405, "method-not-allowed", "Method not allowed",
                            ctx.method() + " is not allowed on " + ctx.path())));
                }
            });
        });
        app.start(settings.host(), settings.port());
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector jettyConnector) {
                // Keep-alive connections with no request are closed at once on stop; requests in flight still get DRAIN.
                jettyConnector.setShutdownIdleTimeout(IDLE_CONNECTIONS_ON_STOP.toMillis());
            }
        }
        log.info("{} listening on http://{}:{}", service, settings.host(), app.port());
        return new HttpServer(app, service);
    }

    /** Javalin gives the methods of the path as the one value of the exception's details, joined by commas. */
    private static String allowedMethods(MethodNotAllowedResponse e) {
        return e.getDetails().values().stream().flatMap(methods -> java.util.Arrays.stream(methods.split(",")))
                .map(String::strip).filter(method -> !method.isEmpty()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void badBody(Context ctx, Exception e) {
        log.debug("Refused a malformed request body on {} {}: {}", ctx.method(), ctx.path(), e.toString());
        ctx.header("Connection", "close");
        answer(ctx, ProblemException.badRequest("the request body is malformed or ended early (e.g. a broken chunk of a chunked body)"));
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }

    private static void answer(Context ctx, ProblemException e) {
        Problem problem = e.problem().instance() == null ? e.problem().at(ctx.path()) : e.problem();
        e.retryAfter().ifPresent(after -> ctx.header("Retry-After", Long.toString(Math.max(1, after.toSeconds()))));
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(toJson(problem));
    }

    private static String toJson(Problem problem) {
        try {
            return Json.mapper().writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a problem could not be written as JSON", e);
        }
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            default -> "HTTP " + status;
        };
    }

    public int port() {
        return app.port();
    }

    /**
     * Every registered route as {@code METHOD path}, e.g. {@code GET /v1/subscriptions/{id}}, for API
     * documents and their tests; handlers that run before or after every route are none.
     */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .filter(route -> ROUTE_METHODS.contains(route.substring(0, route.indexOf(' '))))
                .toList();
    }

    /** Stops taking connections, lets requests in flight finish within {@link #DRAIN}, then stops. */
    @Override
    public void close() {
        app.stop();
        log.info("{} HTTP listener stopped", service);
    }
}
