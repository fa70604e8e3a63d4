package dev.hooklane.service.config;

import dev.hooklane.service.auth.ClientAddresses;
import java.util.Objects;

/**
 * The HTTP listener of a service.
 *
 * @param host {@code HOOKLANE_HTTP_HOST}, default {@code 0.0.0.0}
 * @param port {@code HOOKLANE_HTTP_PORT}; 0 picks a free port
 * @param maxRequestBytes {@code HOOKLANE_HTTP_MAX_REQUEST_BYTES}: larger bodies get 413, default 1 MiB
 * @param clientAddresses {@code HOOKLANE_HTTP_TRUSTED_PROXIES}: the proxies whose {@code X-Forwarded-For} names the
 *     client (see {@link ClientAddresses}); default none, the peer of the connection is the client
 */
public record HttpSettings(String host, int port, long maxRequestBytes, ClientAddresses clientAddresses) {

    public HttpSettings {
        Objects.requireNonNull(clientAddresses, "clientAddresses");
    }

    /** A listener with no trusted proxy in front of it. */
    public HttpSettings(String host, int port, long maxRequestBytes) {
        this(host, port, maxRequestBytes, ClientAddresses.direct());
    }

    public static HttpSettings from(EnvConfig env, int defaultPort) {
        return new HttpSettings(
                env.string("HOOKLANE_HTTP_HOST", "0.0.0.0"),
                env.integer("HOOKLANE_HTTP_PORT", defaultPort, 0, 65_535),
                env.integer("HOOKLANE_HTTP_MAX_REQUEST_BYTES", 1 << 20, 1024, 64 << 20),
                ClientAddresses.from(env));
    }

    /** A listener on a free loopback port, for tests and the local stack. */
    public static HttpSettings ephemeral() {
        return new HttpSettings("127.0.0.1", 0, 1 << 20);
    }
}
