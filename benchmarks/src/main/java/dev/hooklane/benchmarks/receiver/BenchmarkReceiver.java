package dev.hooklane.benchmarks.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hooklane.benchmarks.harness.Loopback;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookHeaders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The receiver of the benchmarks, run in its own JVM: answers {@code POST /hooks/<n>} as the run's
 * {@link ReceiverMode} says and records arrival time, {@code webhook-id} and the latency from the
 * event's time (the {@code timestamp} of the standard body) to arrival. Nothing blocks a thread.
 *
 * <p>Endpoint {@code n} (0 to {@value #ENDPOINTS} - 1) has an address of its own,
 * {@code 127.0.1.<n>}, all on one port: like distinct subscriber hosts in production, each gets a
 * connection pool of its own in the worker's HTTP client. The control routes are on {@value #HOST}.
 *
 * <p>Control: {@code POST /control/reset?mode=OK|HANG_TENTH|FAIL_FIRST} starts a new log,
 * {@code GET /control/stats} summarises it as JSON, {@code GET /control/count} is the answered
 * count alone, {@code GET /control/retries} lists {@code <webhook-id> <arrival µs>} of second attempts.
 */
public final class BenchmarkReceiver implements AutoCloseable {

    /** The environment variable holding the port to listen on (0 for any). */
    public static final String PORT = "BENCH_RECEIVER_PORT";
    public static final String HOST = "127.0.0.1";
    /** Endpoints, each on an address of its own. */
    public static final int ENDPOINTS = 100;
    /**
     * How long a hanging endpoint holds a request: longer than any client timeout of the runs (the
     * worker's is 15 s), and no longer, since a request its client gave up on still holds its
     * connection here until it is answered (held for 2 minutes, they ran the receiver out of heap).
     */
    static final Duration HANG = Duration.ofSeconds(30);

    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(BenchmarkReceiver.class);
    private static final int MAX_BODY = 1024 * 1024;
    /** Selector threads of the one connector: one per core of the machine the benchmarks run on. */
    private static final int SELECTORS = 2;
    private static final byte[] TIMESTAMP_FIELD = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Server server;
    private final ServerConnector connector;
    private final List<ServerSocketChannel> endpointListeners = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("receiver-hangs").factory());
    private volatile ReceiverMode mode = ReceiverMode.OK;
    private volatile ArrivalLog log = new ArrivalLog();

    private BenchmarkReceiver(int port) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("receiver");
        server = new Server(threads);
        // One connector and its selectors serve every address: a connector per address would add a
        // selector thread each, and a hundred threads each woken for a request or two cost the
        // machine more than the requests do.
        connector = new ServerConnector(server, 0, SELECTORS);
        connector.setHost(HOST);
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                if (path.startsWith("/hooks/")) {
                    receive(path, request, response, callback);
                } else {
                    control(path, request, response, callback);
                }
                return true;
            }
        });
    }

    /**
     * Listens on every endpoint's address, on the connector's port, and hands each connection to
     * the connector's selectors (connections are kept alive, so accepting is rare and may block a
     * virtual thread per address).
     */
    private void listenOnEndpoints() throws IOException {
        for (int endpoint = 0; endpoint < ENDPOINTS; endpoint++) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(endpointHost(endpoint), port()), 4096);
            endpointListeners.add(listener);
            Thread.ofVirtual().name("receiver-accept-" + endpoint).start(() -> accept(listener));
        }
    }

    private void accept(ServerSocketChannel listener) {
        while (listener.isOpen()) {
            try {
                SocketChannel channel = listener.accept();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connector.getSelectorManager().accept(channel);
            } catch (IOException e) {
                if (listener.isOpen()) {
                    logger.warn("Accepting on {} failed", listener, e);
                }
            }
        }
    }

    /** The address of endpoint {@code number}. */
    public static String endpointHost(int number) {
        if (number < 0 || number >= ENDPOINTS) {
            throw new IllegalArgumentException("endpoints are numbered 0 to " + (ENDPOINTS - 1) + ": " + number);
        }
        return "127.0.1." + number;
    }

    /** Starts on {@code port} of every address; 0 picks a free one. */
    public static BenchmarkReceiver start(int port) {
        BenchmarkReceiver receiver = new BenchmarkReceiver(port == 0 ? Loopback.freePort() : port);
        try {
            receiver.server.start();
            receiver.listenOnEndpoints();
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark receiver did not start on port " + port + ": " + e.getMessage(), e);
        }
        return receiver;
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void receive(String path, Request request, Response response, Callback callback) {
        long arrival = nowMicros();
        String webhookId = request.getHeaders().get(WebhookHeaders.ID);
        int endpoint = endpointNumber(path);
        ArrivalLog current = log;
        Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, error) -> {
            if (error != null || webhookId == null || endpoint < 0) {
                Response.writeError(request, response, callback, 400, "a webhook with a body, a webhook-id and /hooks/<n> is expected");
                return;
            }
            boolean first = current.arrived(webhookId, arrival);
            switch (mode) {
                case HANG_TENTH -> {
                    if (ReceiverMode.inHangingTenth(endpoint)) {
                        timer.schedule(() -> answer(response, callback, 200), HANG.toMillis(), TimeUnit.MILLISECONDS);
                        return;
                    }
                }
                case FAIL_FIRST -> {
                    if (first) {
                        answer(response, callback, 503);
                        return;
                    }
                    current.retried(webhookId, arrival);
                }
                case OK -> { }
            }
            current.answered(!ReceiverMode.inHangingTenth(endpoint), arrival, latencyMicros(body, arrival));
            answer(response, callback, 200);
        });
    }

    private void control(String path, Request request, Response response, Callback callback) {
        switch (path) {
            case "/health" -> write(response, callback, "text/plain", "ok");
            case "/control/reset" -> {
                Fields query = Request.extractQueryParameters(request);
                String requested = query.getValue("mode");
                mode = requested == null ? ReceiverMode.OK : ReceiverMode.valueOf(requested.toUpperCase(Locale.ROOT));
                log = new ArrivalLog();
                write(response, callback, "text/plain", mode.name());
            }
            case "/control/count" -> write(response, callback, "text/plain", Long.toString(log.answeredCount()));
            case "/control/stats" -> write(response, callback, "application/json", json(log.summary()));
            case "/control/retries" -> {
                StringBuilder lines = new StringBuilder();
                log.retryArrivals().forEach((id, arrival) -> lines.append(id).append(' ').append(arrival).append('\n'));
                write(response, callback, "text/plain", lines.toString());
            }
            default -> Response.writeError(request, response, callback, 404, "no such path");
        }
    }

    private static void answer(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
    }

    private static void write(Response response, Callback callback, String contentType, String text) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static int endpointNumber(String path) {
        try {
            return Integer.parseInt(path.substring("/hooks/".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Event time to arrival, from the standard body's {@code "timestamp":"<instant>"}; -1 when absent. */
    static long latencyMicros(byte[] body, long arrivalMicros) {
        int start = indexOf(body, TIMESTAMP_FIELD);
        if (start < 0) {
            return -1;
        }
        start += TIMESTAMP_FIELD.length;
        int end = start;
        while (end < body.length && body[end] != '"') {
            end++;
        }
        try {
            Instant eventTime = Instant.parse(new String(body, start, end - start, StandardCharsets.US_ASCII));
            return Math.max(0, arrivalMicros - ChronoUnit.MICROS.between(Instant.EPOCH, eventTime));
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats could not be written", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            for (ServerSocketChannel listener : endpointListeners) {
                listener.close();
            }
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark receiver did not stop: " + e.getMessage(), e);
        }
    }

    /** Runs the receiver on the port in {@value #PORT}; stops on SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        BenchmarkReceiver receiver = start(Integer.parseInt(System.getenv().getOrDefault(PORT, "0")));
        Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "receiver-stop"));
        logger.info("Benchmark receiver listening on {} and 127.0.1.0-{}, port {}", HOST, ENDPOINTS - 1, receiver.port());
        receiver.server.join();
    }
}
