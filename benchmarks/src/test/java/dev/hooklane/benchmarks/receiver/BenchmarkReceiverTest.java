package dev.hooklane.benchmarks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchmarkReceiverTest {

    @Test
    void shouldMeasureLatencyFromTheStandardBodysTimestamp() {
        byte[] body = "{\"type\":\"t\",\"timestamp\":\"2026-01-01T00:00:00.250Z\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        long arrival = 1_767_225_600_000_000L + 1_250_000L;

        assertThat(BenchmarkReceiver.latencyMicros(body, arrival)).isEqualTo(1_000_000L);
    }

    @Test
    void shouldReportNoLatencyWhenTheBodyHasNoTimestamp() {
        assertThat(BenchmarkReceiver.latencyMicros("{\"data\":{}}".getBytes(StandardCharsets.UTF_8), 5)).isEqualTo(-1);
    }

    @Test
    void shouldReadTheEndpointNumberFromThePath() {
        assertThat(BenchmarkReceiver.endpointNumber("/hooks/42")).isEqualTo(42);
        assertThat(BenchmarkReceiver.endpointNumber("/hooks/x")).isEqualTo(-1);
    }
}
