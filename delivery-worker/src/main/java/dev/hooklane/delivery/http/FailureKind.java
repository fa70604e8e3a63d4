package dev.hooklane.delivery.http;

/** Why a request got no answer; the wire name goes into attempt records and dead-letter summaries. */
public enum FailureKind {
    TIMEOUT("timeout"),
    CONNECT("connect"),
    DNS("dns"),
    TLS("tls"),
    NO_RESPONSE("no_response"),
    RESET("reset"),
    IO("io"),
    /** The SSRF policy refused every address of the host; nothing was sent. */
    REFUSED("refused"),
    CANCELLED("cancelled"),
    /** The worker failed on the job before or after its request, unexpectedly. */
    INTERNAL("internal");

    private final String wireName;

    FailureKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
