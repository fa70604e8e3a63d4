package dev.hooklane.service.config;

/**
 * The HTTP listener of a service.
 *
 * @param host {@code HOOKLANE_HTTP_HOST}, default {@code 0.0.0.0}
 * @param port {@code HOOKLANE_HTTP_PORT}; 0 picks a free port
 * @param maxRequestBytes {@code HOOKLANE_HTTP_MAX_REQUEST_BYTES}: larger bodies get 413, default 1 MiB
 */
public record HttpSettings(String host, int port, long maxRequestBytes) {

    public static HttpSettings from(EnvConfig env, int defaultPort) {
        return new HttpSettings(
                env.string("HOOKLANE_HTTP_HOST", "0.0.0.0"),
                env.integer("HOOKLANE_HTTP_PORT", defaultPort, 0, 65_535),
                env.integer("HOOKLANE_HTTP_MAX_REQUEST_BYTES", 1 << 20, 1024, 64 << 20));
    }

    /** A listener on a free loopback port, for tests and the local stack. */
    public static HttpSettings ephemeral() {
        return new HttpSettings("127.0.0.1", 0, 1 << 20);
    }
}
