package dev.hooklane.testkit.receiver;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A webhook receiver for tests, demos and benchmarks: records every request (exact body, headers,
 * arrival time) and answers as scripted per path: a status with headers, slowly, never (hang), or
 * by resetting the connection. Nothing blocks a thread: delays and hangs are scheduled.
 */
public final class ScriptableReceiver implements AutoCloseable {

    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("receiver-timer").factory());
    private final Map<String, ConcurrentLinkedQueue<Behaviour>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> steady = new ConcurrentHashMap<>();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReceivedRequest>> listeners = new CopyOnWriteArrayList<>();
    private volatile Function<ReceivedRequest, Behaviour> fallback = request -> Behaviour.ok();
    private volatile boolean recording = true;

    private ScriptableReceiver(String host, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("receiver");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                receive(request, response, callback);
                return true;
            }
        });
    }

    /** A receiver on a free loopback port. */
    public static ScriptableReceiver start() {
        return start("127.0.0.1", 0);
    }

    public static ScriptableReceiver start(String host, int port) {
        ScriptableReceiver receiver = new ScriptableReceiver(host, port);
        try {
            receiver.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("receiver did not start on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return receiver;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The next requests to {@code path} get these answers in order; afterwards, {@link #always}'s or 200. */
    public ScriptableReceiver script(String path, Behaviour... sequence) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(sequence));
        return this;
    }

    /** Every request to {@code path} gets this answer once its script is used up. */
    public ScriptableReceiver always(String path, Behaviour behaviour) {
        steady.put(path, behaviour);
        return this;
    }

    /** The answer for paths with no script. */
    public ScriptableReceiver otherwise(Behaviour behaviour) {
        fallback = request -> behaviour;
        return this;
    }

    /**
     * The answer for paths with no script, chosen per request: fault tests draw failures at random
     * and learn which requests were answered with success.
     */
    public ScriptableReceiver otherwise(Function<ReceivedRequest, Behaviour> chooser) {
        fallback = java.util.Objects.requireNonNull(chooser, "chooser");
        return this;
    }

    /**
     * Close a keep-alive connection once it has been idle this long, as servers do (Jetty after
     * 30 s, Node.js after 5 s), whether or not the client still holds it in its pool.
     */
    public ScriptableReceiver closingIdleConnectionsAfter(Duration idle) {
        connector.setIdleTimeout(idle.toMillis());
        return this;
    }

    /** Keep no request bodies (for long benchmark runs); listeners are still told. */
    public ScriptableReceiver withoutRecording() {
        recording = false;
        return this;
    }

    public ScriptableReceiver onRequest(Consumer<ReceivedRequest> listener) {
        listeners.add(listener);
        return this;
    }

    public List<ReceivedRequest> requests() {
        return List.copyOf(received);
    }

    public List<ReceivedRequest> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void clear() {
        received.clear();
    }

    private void receive(Request request, Response response, Callback callback) {
        Instant arrived = Instant.now();
        Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, error) -> {
            if (error != null) {
                Response.writeError(request, response, callback, 400, "unreadable body");
                return;
            }
            ReceivedRequest seen = record(request, body, arrived);
            answer(behaviourFor(seen), request, response, callback);
        });
    }

    private ReceivedRequest record(Request request, byte[] body, Instant arrived) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
        }
        ReceivedRequest seen = new ReceivedRequest(request.getMethod(), Request.getPathInContext(request),
                Optional.ofNullable(request.getHttpURI().getQuery()), Map.copyOf(headers), body, arrived);
        if (recording) {
            received.add(seen);
        }
        for (Consumer<ReceivedRequest> listener : listeners) {
            listener.accept(seen);
        }
        return seen;
    }

    private Behaviour behaviourFor(ReceivedRequest seen) {
        ConcurrentLinkedQueue<Behaviour> script = scripts.get(seen.path());
        Behaviour next = script == null ? null : script.poll();
        if (next != null) {
            return next;
        }
        Behaviour steadyAnswer = steady.get(seen.path());
        return steadyAnswer != null ? steadyAnswer : fallback.apply(seen);
    }

    private void answer(Behaviour behaviour, Request request, Response response, Callback callback) {
        switch (behaviour) {
            case Behaviour.Respond respond -> {
                Runnable write = () -> {
                    response.setStatus(respond.status());
                    respond.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                    response.write(true, java.nio.ByteBuffer.wrap(respond.body().getBytes(StandardCharsets.UTF_8)), callback);
                };
                if (respond.delay().isZero()) {
                    write.run();
                } else {
                    timer.schedule(write, respond.delay().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            case Behaviour.Hang hang -> {
                // Never completes the callback: the client's timeout ends the exchange.
            }
            case Behaviour.Reset reset -> resetConnection(request, callback);
        }
    }

    private static void resetConnection(Request request, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (java.io.IOException e) {
                // The connection is closed below either way; without linger 0 it ends with FIN instead of RST.
            }
        }
        endPoint.close();
        callback.failed(new java.io.IOException("connection reset on purpose"));
    }

    /** Addresses this receiver listens on, for allow-lists. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("receiver did not stop: " + e.getMessage(), e);
        } finally {
            timer.shutdownNow();
        }
    }

    /** A delay long enough to look like a hang to any client timeout used in tests. */
    public static Duration forever() {
        return Duration.ofHours(1);
    }

    /** Requests received so far, grouped by path. */
    public Map<String, List<ReceivedRequest>> byPath() {
        Map<String, List<ReceivedRequest>> grouped = new HashMap<>();
        for (ReceivedRequest request : received) {
            grouped.computeIfAbsent(request.path(), p -> new ArrayList<>()).add(request);
        }
        return grouped;
    }
}
