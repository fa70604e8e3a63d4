package dev.hooklane.delivery.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a response keeping only its status, {@code Retry-After} and the first 4 KiB of the body:
 * a receiver that answers with a huge body costs no memory.
 */
final class ExcerptResponseConsumer extends AbstractBinResponseConsumer<HttpOutcome.Response> {

    static final int MAX_EXCERPT = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final long startNanos;
    /** Sized to what arrived, up to {@link #MAX_EXCERPT}: most receivers answer with an empty or short body. */
    private byte[] excerpt = EMPTY;
    private int length;
    private int status;
    private Optional<String> retryAfter = Optional.empty();

    ExcerptResponseConsumer(long startNanos) {
        this.startNanos = startNanos;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        Header header = response.getFirstHeader("Retry-After");
        retryAfter = header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    @Override
    protected int capacityIncrement() {
        return 8192;
    }

    @Override
    protected void data(ByteBuffer data, boolean endOfStream) {
        int room = MAX_EXCERPT - length;
        int take = Math.min(room, data.remaining());
        if (take > 0) {
            if (length + take > excerpt.length) {
                excerpt = Arrays.copyOf(excerpt, Math.min(MAX_EXCERPT, Math.max(length + take, 2 * excerpt.length)));
            }
            data.get(excerpt, length, take);
            length += take;
        }
        data.position(data.limit());
    }

    @Override
    protected HttpOutcome.Response buildResult() {
        return new HttpOutcome.Response(status, retryAfter, new String(excerpt, 0, length, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @Override
    public void releaseResources() {
        // Nothing is held beyond the excerpt, at most 4 KiB.
    }
}
