package dev.hooklane.local.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlNamesTest {

    @Test
    void shouldFindTheMetricsOfARatioOfRatesButNotLabelsFunctionsOrDurations() {
        assertThat(PromqlNames.in("sum by (outcome) (rate(webhook_delivery_attempts_total{outcome=\"success\",x=~\"a|b{2}\"}[$__rate_interval]))"
                + " / sum(rate(other_total[5m] offset 1h)) > 0.9 and on (job) up == 1"))
                .containsExactly("other_total", "up", "webhook_delivery_attempts_total");
    }

    @Test
    void shouldKeepHistogramSuffixesAndSkipNumbersAndKeywords() {
        assertThat(PromqlNames.in("histogram_quantile(0.99, sum without (instance) (rate(latency_seconds_bucket[1m]))) * 1e3"
                + " unless ignoring(le) group_left(tier) backlog_total"))
                .containsExactly("backlog_total", "latency_seconds_bucket");
    }

    @Test
    void shouldReadANameGivenOnlyAsItsSelector() {
        assertThat(PromqlNames.in("max by (group, topic) (webhook_consumer_lag_records{group!~\".*-retry\"}) > 1000"))
                .containsExactly("webhook_consumer_lag_records");
    }
}
