package dev.hooklane.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Drives the benchmark receiver's control routes from the harness JVM. */
public final class ReceiverClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    public ReceiverClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Forgets everything seen so far and answers as {@code mode} from now on. */
    public void reset(ReceiverMode mode) {
        send(HttpRequest.newBuilder(URI.create(base + "/control/reset?mode=" + mode.name())).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Requests answered 2xx since the last reset. */
    public long answered() {
        return Long.parseLong(send(HttpRequest.newBuilder(URI.create(base + "/control/count"))).strip());
    }

    public JsonNode stats() {
        try {
            return Json.mapper().readTree(send(HttpRequest.newBuilder(URI.create(base + "/control/stats"))));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable receiver stats", e);
        }
    }

    /** Arrival (epoch µs) of the second attempt of each {@code webhook-id}, in {@code FAIL_FIRST} runs. */
    public Map<String, Long> retryArrivals() {
        Map<String, Long> arrivals = new HashMap<>();
        for (String line : send(HttpRequest.newBuilder(URI.create(base + "/control/retries"))).split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split(" ");
                arrivals.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return arrivals;
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("receiver answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("receiver unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
