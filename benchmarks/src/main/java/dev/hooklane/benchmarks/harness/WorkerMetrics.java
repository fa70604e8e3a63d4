package dev.hooklane.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * A scrape of the worker's {@code /metrics} (Prometheus text): what it did during a scenario, told
 * in the report next to the figures, above all how many jobs it handed on while their endpoint was
 * busy (ADR 5) and how long its attempts took as it saw them.
 */
public record WorkerMetrics(String text) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static WorkerMetrics scrape(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new WorkerMetrics(response.statusCode() == 200 ? response.body() : "");
        } catch (IOException e) {
            return new WorkerMetrics("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WorkerMetrics("");
        }
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labelPart} (empty for all). */
    public double sum(String name, String labelPart) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String labels = line.contains("{") ? line.substring(line.indexOf('{'), line.indexOf('}') + 1) : "";
                if (labels.contains(labelPart)) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return total;
    }

    /** One line for the report: attempts, hand-offs by reason, mean attempt duration. */
    public String summary() {
        if (text.isEmpty()) {
            return "the worker's metrics could not be read";
        }
        double attempts = sum("webhook_delivery_attempts_total", "");
        double seconds = sum("webhook_delivery_attempt_duration_seconds_sum", "");
        double timed = sum("webhook_delivery_attempt_duration_seconds_count", "");
        return String.format(Locale.ROOT, "the worker made %,.0f attempts (%,.0f answered 2xx), mean attempt %.0f ms as it saw it; "
                        + "it handed on %,.0f jobs whose endpoint was busy (concurrency limit) and %,.0f rate-limited ones",
                attempts, sum("webhook_delivery_attempts_total", "status_class=\"2xx\""), timed == 0 ? 0 : seconds / timed * 1000,
                sum("webhook_delivery_deferred_total", "reason=\"concurrency\""), sum("webhook_delivery_deferred_total", "reason=\"rate_limit\""));
    }
}
