package dev.hooklane.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

    private static final String HEALTHY = """
            # TYPE webhook_delivery_attempts_total counter
            webhook_delivery_attempts_total{outcome="success",status_class="2xx"} 1000.0
            webhook_delivery_attempt_duration_seconds_sum 2.0
            webhook_delivery_attempt_duration_seconds_count 1000.0
            webhook_delivery_deferred_total{reason="concurrency"} 7.0
            webhook_delivery_deferred_total{reason="rate_limit"} 0.0
            """;

    @Test
    void shouldSayNothingOfFailuresWhenEveryAttemptWasAnswered2xx() {
        assertThat(new MetricsScrape(HEALTHY).workerSummary())
                .isEqualTo("the worker made 1,000 attempts (1,000 answered 2xx), mean attempt 2 ms as it saw it; "
                        + "it handed on 7 jobs whose endpoint was busy (concurrency limit) and 0 rate-limited ones");
    }

    @Test
    void shouldTellTheAttemptsNotAnswered2xxByWhatHappenedToThem() {
        String scrape = HEALTHY + """
                webhook_delivery_attempts_total{outcome="retry",status_class="none"} 30.0
                webhook_delivery_attempts_total{outcome="skipped",status_class="none"} 12.0
                webhook_delivery_attempts_total{outcome="retry",status_class="5xx"} 5.0
                webhook_delivery_attempts_total{outcome="dlq",status_class="4xx"} 2.0
                webhook_delivery_deferred_total{reason="half_open"} 4.0
                webhook_delivery_dead_letters_total{reason="exhausted"} 2.0
                """;

        assertThat(new MetricsScrape(scrape).workerSummary()).endsWith(
                "; of the attempts not answered 2xx, 30 had no answer (timeout, refused or reset), 2 were answered 4xx and 5 5xx, "
                        + "and 12 sent no request (circuit open or subscription gone); 4 jobs waited for a half-open circuit's probe "
                        + "and 2 were dead-lettered");
    }

    @Test
    void shouldSayWhenTheMetricsCouldNotBeRead() {
        assertThat(new MetricsScrape("").workerSummary()).isEqualTo("the worker's metrics could not be read");
    }
}
