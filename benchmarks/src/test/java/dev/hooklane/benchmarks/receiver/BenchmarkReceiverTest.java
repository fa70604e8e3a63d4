package dev.hooklane.benchmarks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @Test
    void shouldAnswerOnEveryEndpointsAddressAndCountOnTheControlAddress() throws Exception {
        try (BenchmarkReceiver receiver = BenchmarkReceiver.start(0)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int[] endpoints = {0, 7, BenchmarkReceiver.ENDPOINTS - 1};
            for (int endpoint : endpoints) {
                for (int request = 0; request < 3; request++) {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://" + BenchmarkReceiver.endpointHost(endpoint)
                                    + ":" + receiver.port() + "/hooks/" + endpoint))
                            .header("webhook-id", "msg_" + endpoint + "_" + request)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"timestamp\":\"2026-01-01T00:00:00Z\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).isEqualTo(200);
                }
            }

            HttpResponse<String> count = client.send(HttpRequest.newBuilder(URI.create("http://" + BenchmarkReceiver.HOST + ":" + receiver.port()
                    + "/control/count")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(count.body()).isEqualTo(Integer.toString(endpoints.length * 3));
        }
    }
}
