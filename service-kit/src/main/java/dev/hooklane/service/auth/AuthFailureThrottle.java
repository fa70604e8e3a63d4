package dev.hooklane.service.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows down a client that keeps presenting bad credentials: each client (its address, as
 * {@link ClientAddresses} finds it behind the trusted proxies) has a
 * token bucket of authentication failures ({@code failures} at once, refilled evenly over
 * {@code per}); once it is empty, the client's requests are refused with 429 before any key is
 * looked at, until a token comes back. Successful requests cost nothing. At most
 * {@code maxClients} buckets are kept, the least recently used dropped first, so a flood of
 * addresses cannot grow memory without bound.
 */
public final class AuthFailureThrottle {

    /** Failures a client may make at once. */
    public static final int DEFAULT_FAILURES = 20;
    /** The time over which those failures are forgiven. */
    public static final Duration DEFAULT_PER = Duration.ofMinutes(1);
    /** Clients remembered at most. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    private final int failures;
    private final Duration per;
    private final Map<String, Bucket> buckets;
    private final ClientAddresses clients;

    public AuthFailureThrottle(int failures, Duration per, int maxClients) {
        this(failures, per, maxClients, ClientAddresses.direct());
    }

    public AuthFailureThrottle(int failures, Duration per, int maxClients, ClientAddresses clients) {
        if (failures < 1 || per.isNegative() || per.isZero() || maxClients < 1) {
            throw new IllegalArgumentException("failures, period and client count must be positive");
        }
        this.clients = Objects.requireNonNull(clients, "clients");
        this.failures = failures;
        this.per = per;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    public static AuthFailureThrottle defaults() {
        return defaults(ClientAddresses.direct());
    }

    /** The default limits, with clients found behind {@code clients}' trusted proxies. */
    public static AuthFailureThrottle defaults(ClientAddresses clients) {
        return new AuthFailureThrottle(DEFAULT_FAILURES, DEFAULT_PER, DEFAULT_MAX_CLIENTS, clients);
    }

    /** The client of {@code ctx}'s request, the key of its bucket. */
    public String clientOf(Context ctx) {
        return clients.of(ctx);
    }

    /** How long {@code client} must wait before it may try again; empty when it may try now. */
    public Optional<Duration> waitFor(String client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.get(client);
        }
        if (bucket == null) {
            return Optional.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** Counts one failed authentication of {@code client}. */
    public void failed(String client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(client, c -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, per).build()).build());
        }
        bucket.tryConsume(1);
    }

    /** Clients currently remembered. */
    public int clients() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
