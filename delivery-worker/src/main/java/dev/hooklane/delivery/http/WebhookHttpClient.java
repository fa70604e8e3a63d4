package dev.hooklane.delivery.http;

import dev.hooklane.delivery.ssrf.AddressRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs webhook requests on Apache HttpClient 5's minimal async client: pooled keep-alive
 * connections, HTTP/2 where the receiver offers it, no automatic retries and no redirects (retries
 * belong to Kafka's retry tiers). Every part of a
 * request that does not change between requests (host, path, content type, request config) is
 * prepared once and reused.
 */
public final class WebhookHttpClient implements AutoCloseable {

    /**
     * @param ioThreads I/O reactor threads
     * @param maxConnectionsPerHost pooled connections per receiver host and port
     * @param idleConnectionTimeout a pooled connection idle this long is closed instead of used: it
     *     must stay below the keep-alive timeouts after which receivers close idle connections, or
     *     requests race their closing and fail without reaching the receiver
     */
    public record Settings(Duration connectTimeout, int maxConnectionsPerHost, int ioThreads, Duration idleConnectionTimeout, String userAgent) {
    }

    private final CloseableHttpAsyncClient client;
    private final Header userAgent;
    private final PoolingAsyncClientConnectionManager connections;
    private final Map<String, ContentType> contentTypes = new ConcurrentHashMap<>();
    private final Map<Duration, RequestConfig> requestConfigs = new ConcurrentHashMap<>();

    /**
     * @param dnsResolver the only resolver the client uses: it decides which addresses may be connected to
     */
    public WebhookHttpClient(Settings settings, DnsResolver dnsResolver) {
        this.connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(dnsResolver)
                // HTTP/2 when the receiver offers it in the TLS handshake (ALPN), HTTP/1.1 otherwise.
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(settings.maxConnectionsPerHost())
                .setMaxConnTotal(Math.max(settings.maxConnectionsPerHost(), 10_000))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.ofMinutes(2))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .setIdleTimeout(Timeout.of(settings.idleConnectionTimeout()))
                        .build())
                .build();
        // The minimal client: message transport over the pooled connections and nothing else. No
        // redirects, retries, cookies, authentication or decompression, which webhooks must not do anyway,
        // and none of the classic client's execution chain that costs every request (a tenth of the
        // worker's CPU in the benchmark's profile).
        this.client = HttpAsyncClients.createMinimal(HttpVersionPolicy.NEGOTIATE, H2Config.DEFAULT, Http1Config.DEFAULT,
                IOReactorConfig.custom().setIoThreadCount(settings.ioThreads()).build(), connections);
        this.userAgent = new BasicHeader(HttpHeaders.USER_AGENT, settings.userAgent());
        client.start();
    }

    /**
     * Sends one POST; {@code done} gets the outcome exactly once, on an I/O thread or, when the
     * request cannot even start, on the caller's.
     *
     * @param headers every header of the request but the content type and user agent
     */
    public void post(WebhookRequest target, Header[] headers, byte[] body, String contentType, Duration responseTimeout,
                     Consumer<HttpOutcome> done) {
        long start = System.nanoTime();
        try {
            BasicHttpRequest request = new BasicHttpRequest(Method.POST, target.host(), target.pathAndQuery());
            request.setHeaders(headers);
            request.addHeader(userAgent);
            HttpClientContext context = HttpClientContext.create();
            context.setRequestConfig(requestConfigs.computeIfAbsent(responseTimeout, WebhookHttpClient::requestConfig));
            ContentType type = contentTypes.computeIfAbsent(contentType, ContentType::parse);
            client.execute(new BasicRequestProducer(request, AsyncEntityProducers.create(body, type)), new ExcerptResponseConsumer(start),
                    context, new FutureCallback<>() {
                        @Override
                        public void completed(HttpOutcome.Response response) {
                            done.accept(response);
                        }

                        @Override
                        public void failed(Exception e) {
                            done.accept(failure(e, start));
                        }

                        @Override
                        public void cancelled() {
                            done.accept(new HttpOutcome.Failure(FailureKind.CANCELLED, "the request was cancelled",
                                    Duration.ofNanos(System.nanoTime() - start)));
                        }
                    });
        } catch (RuntimeException e) {
            done.accept(failure(e, start));
        }
    }

    /** {@link #post} as a future, for callers that compose. */
    public CompletableFuture<HttpOutcome> post(WebhookRequest target, Header[] headers, byte[] body, String contentType, Duration responseTimeout) {
        CompletableFuture<HttpOutcome> outcome = new CompletableFuture<>();
        post(target, headers, body, contentType, responseTimeout, outcome::complete);
        return outcome;
    }

    private static RequestConfig requestConfig(Duration responseTimeout) {
        return RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).setRedirectsEnabled(false).build();
    }

    static HttpOutcome.Failure failure(Exception e, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        FailureKind kind = switch (e) {
            case AddressRefusedException r -> FailureKind.REFUSED;
            case SocketTimeoutException t -> FailureKind.TIMEOUT;
            case java.util.concurrent.TimeoutException t -> FailureKind.TIMEOUT;
            case ConnectException c -> FailureKind.CONNECT;
            case UnknownHostException u -> FailureKind.DNS;
            case SSLException s -> FailureKind.TLS;
            case NoHttpResponseException n -> FailureKind.NO_RESPONSE;
            case IOException io when String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT).contains("reset") -> FailureKind.RESET;
            case IOException io -> FailureKind.IO;
            default -> FailureKind.INTERNAL;
        };
        return new HttpOutcome.Failure(kind, e.getClass().getSimpleName() + ": " + e.getMessage(), took);
    }

    /** Connections leased or idle, for the pool gauges. */
    public PoolingAsyncClientConnectionManager connections() {
        return connections;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
