package dev.hooklane.delivery.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import dev.hooklane.delivery.ssrf.AddressRefusedException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs webhook requests on Apache HttpClient 5's async client: pooled keep-alive connections,
 * no automatic retries and no redirects (retries belong to Kafka's retry tiers).
 */
public final class WebhookHttpClient implements AutoCloseable {

    /** The failure kind of a request refused by the SSRF policy before any connection. */
    public static final String REFUSED = "refused";

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager connections;

    /**
     * @param dnsResolver the only resolver the client uses: it decides which addresses may be connected to
     */
    public WebhookHttpClient(Duration connectTimeout, int maxConnectionsPerHost, String userAgent, DnsResolver dnsResolver) {
        this.connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(dnsResolver)
                // HTTP/2 when the receiver offers it in the TLS handshake (ALPN), HTTP/1.1 otherwise.
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(maxConnectionsPerHost)
                .setMaxConnTotal(Math.max(maxConnectionsPerHost, 10_000))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.ofMinutes(2))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(Math.max(2, Runtime.getRuntime().availableProcessors())).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(userAgent)
                .build();
        client.start();
    }

    /** Sends one POST; the future always completes normally with the outcome. */
    public CompletableFuture<HttpOutcome> post(URI url, Map<String, String> headers, byte[] body, String contentType, Duration responseTimeout) {
        SimpleRequestBuilder request = SimpleRequestBuilder.post(url)
                .setBody(body, ContentType.parse(contentType))
                .setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).setRedirectsEnabled(false).build());
        headers.forEach(request::setHeader);
        long start = System.nanoTime();
        CompletableFuture<HttpOutcome> outcome = new CompletableFuture<>();
        try {
            client.execute(SimpleRequestProducer.create(request.build()), new ExcerptResponseConsumer(start), new FutureCallback<>() {
                @Override
                public void completed(HttpOutcome.Response response) {
                    outcome.complete(response);
                }

                @Override
                public void failed(Exception e) {
                    outcome.complete(failure(e, start));
                }

                @Override
                public void cancelled() {
                    outcome.complete(new HttpOutcome.Failure("cancelled", "the request was cancelled", Duration.ofNanos(System.nanoTime() - start)));
                }
            });
        } catch (RuntimeException e) {
            outcome.complete(failure(e, start));
        }
        return outcome;
    }

    static HttpOutcome.Failure failure(Exception e, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String kind = switch (e) {
            case AddressRefusedException r -> REFUSED;
            case SocketTimeoutException t -> "timeout";
            case java.util.concurrent.TimeoutException t -> "timeout";
            case ConnectException c -> "connect";
            case UnknownHostException u -> "dns";
            case SSLException s -> "tls";
            case NoHttpResponseException n -> "no_response";
            case IOException io when String.valueOf(io.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset") -> "reset";
            case IOException io -> "io";
            default -> "error";
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
