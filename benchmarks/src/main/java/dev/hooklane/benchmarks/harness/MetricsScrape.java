package dev.hooklane.benchmarks.harness;

import dev.hooklane.testkit.http.JsonHttp;
import java.time.Duration;
import java.util.Locale;

/**
 * A scrape of a service's {@code /metrics} (Prometheus text): what it did during a scenario, told
 * in the report next to the figures. For the worker, above all how many jobs it handed on while
 * their endpoint was busy (ADR 5) and how long its attempts took as it saw them; for the router,
 * how many jobs it emitted.
 */
public record MetricsScrape(String text) {

    private static final JsonHttp HTTP = new JsonHttp(Duration.ofSeconds(10));

    /** The service's metrics now; empty text when it did not answer. */
    static MetricsScrape scrape(int port) {
        JsonHttp.Answer answer = HTTP.get("http://127.0.0.1:" + port + "/metrics", null);
        return new MetricsScrape(answer.status() == 200 ? answer.body() : "");
    }

    /** Whether the scrape has a sample of {@code name}. */
    public boolean has(String name) {
        return text.lines().anyMatch(line -> isSampleOf(line, name));
    }

    private static boolean isSampleOf(String line, String name) {
        return line.startsWith(name + "{") || line.startsWith(name + " ");
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labelPart} (empty for all). */
    public double sum(String name, String labelPart) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (isSampleOf(line, name)) {
                String labels = line.contains("{") ? line.substring(line.indexOf('{'), line.indexOf('}') + 1) : "";
                if (labels.contains(labelPart)) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return total;
    }

    /**
     * One line for the report on a worker's scrape: attempts, and those not answered 2xx by what
     * happened to them (no answer, 4xx, 5xx, skipped while a circuit was open), hand-offs by reason,
     * dead letters, mean attempt duration.
     */
    public String workerSummary() {
        if (text.isEmpty()) {
            return "the worker's metrics could not be read";
        }
        double attempts = sum("webhook_delivery_attempts_total", "");
        double answered2xx = sum("webhook_delivery_attempts_total", "status_class=\"2xx\"");
        double seconds = sum("webhook_delivery_attempt_duration_seconds_sum", "");
        double timed = sum("webhook_delivery_attempt_duration_seconds_count", "");
        String summary = String.format(Locale.ROOT, "the worker made %,.0f attempts (%,.0f answered 2xx), mean attempt %.0f ms as it saw it; "
                        + "it handed on %,.0f jobs whose endpoint was busy (concurrency limit) and %,.0f rate-limited ones",
                attempts, answered2xx, timed == 0 ? 0 : seconds / timed * 1000,
                sum("webhook_delivery_deferred_total", "reason=\"concurrency\""), sum("webhook_delivery_deferred_total", "reason=\"rate_limit\""));
        if (attempts == answered2xx) {
            return summary;
        }
        double skipped = sum("webhook_delivery_attempts_total", "outcome=\"skipped\"");
        return summary + String.format(Locale.ROOT, "; of the attempts not answered 2xx, %,.0f had no answer (timeout, refused or reset), "
                        + "%,.0f were answered 4xx and %,.0f 5xx, and %,.0f sent no request (circuit open or subscription gone); "
                        + "%,.0f jobs waited for a half-open circuit's probe and %,.0f were dead-lettered",
                sum("webhook_delivery_attempts_total", "status_class=\"none\"") - skipped,
                sum("webhook_delivery_attempts_total", "status_class=\"4xx\""), sum("webhook_delivery_attempts_total", "status_class=\"5xx\""),
                skipped, sum("webhook_delivery_deferred_total", "reason=\"half_open\""), sum("webhook_delivery_dead_letters_total", ""));
    }
}
