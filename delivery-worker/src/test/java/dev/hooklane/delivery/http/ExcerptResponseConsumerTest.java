package dev.hooklane.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

class ExcerptResponseConsumerTest {

    @Test
    void shouldKeepAnEmptyBodyAsAnEmptyExcerpt() {
        ExcerptResponseConsumer consumer = started(204);
        assertThat(consumer.buildResult().excerpt()).isEmpty();
        assertThat(consumer.buildResult().status()).isEqualTo(204);
    }

    @Test
    void shouldKeepAShortBodyWholeAcrossChunks() {
        ExcerptResponseConsumer consumer = started(200);
        consumer.data(ascii("ok, "), false);
        consumer.data(ascii("received"), true);
        assertThat(consumer.buildResult().excerpt()).isEqualTo("ok, received");
    }

    @Test
    void shouldKeepOnlyTheFirstFourKibibytesOfAHugeBodyInUnevenChunks() {
        ExcerptResponseConsumer consumer = started(500);
        StringBuilder sent = new StringBuilder();
        int[] chunks = {1, 100, 3000, 2, 8192, 65536, 7};
        for (int i = 0; i < chunks.length; i++) {
            String chunk = String.valueOf((char) ('a' + i)).repeat(chunks[i]);
            sent.append(chunk);
            ByteBuffer data = ascii(chunk);
            consumer.data(data, i == chunks.length - 1);
            assertThat(data.hasRemaining()).as("chunk %d is consumed whole", i).isFalse();
        }
        String excerpt = consumer.buildResult().excerpt();
        assertThat(excerpt).hasSize(ExcerptResponseConsumer.MAX_EXCERPT).isEqualTo(sent.substring(0, ExcerptResponseConsumer.MAX_EXCERPT));
    }

    private static ExcerptResponseConsumer started(int status) {
        ExcerptResponseConsumer consumer = new ExcerptResponseConsumer(System.nanoTime());
        consumer.start(new BasicHttpResponse(status), ContentType.TEXT_PLAIN);
        return consumer;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
