package dev.hooklane.benchmarks.receiver;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the receiver saw since its last reset: answered requests, distinct {@code webhook-id}s,
 * the first and last arrival, and the latency from each event's time to its arrival, for all
 * endpoints and for the healthy nine tenths apart. Safe for the server's threads.
 */
final class ArrivalLog {

    private final Map<String, Long> firstArrivals = new ConcurrentHashMap<>();
    private final Map<String, Long> retryArrivals = new ConcurrentHashMap<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong healthyAnswered = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastArrival = new AtomicLong(Long.MIN_VALUE);
    private final LongSamples latencies = new LongSamples();
    private final LongSamples healthyLatencies = new LongSamples();

    /** Records an arrival; returns whether it is the first of its id since the reset. */
    boolean arrived(String webhookId, long arrivalMicros) {
        return firstArrivals.putIfAbsent(webhookId, arrivalMicros) == null;
    }

    /** Records a 2xx answer to an endpoint; {@code latencyMicros} is negative when the body had no event time. */
    void answered(boolean healthy, long arrivalMicros, long latencyMicros) {
        answered.incrementAndGet();
        firstArrival.accumulateAndGet(arrivalMicros, Math::min);
        lastArrival.accumulateAndGet(arrivalMicros, Math::max);
        if (latencyMicros >= 0) {
            latencies.add(latencyMicros);
        }
        if (healthy) {
            healthyAnswered.incrementAndGet();
            if (latencyMicros >= 0) {
                healthyLatencies.add(latencyMicros);
            }
        }
    }

    void retried(String webhookId, long arrivalMicros) {
        retryArrivals.putIfAbsent(webhookId, arrivalMicros);
    }

    long answeredCount() {
        return answered.get();
    }

    Map<String, Long> retryArrivals() {
        return Map.copyOf(retryArrivals);
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("answered", answered.get());
        summary.put("healthyAnswered", healthyAnswered.get());
        summary.put("distinctIds", firstArrivals.size());
        summary.put("retried", retryArrivals.size());
        summary.put("firstArrivalMicros", firstArrival.get() == Long.MAX_VALUE ? 0 : firstArrival.get());
        summary.put("lastArrivalMicros", lastArrival.get() == Long.MIN_VALUE ? 0 : lastArrival.get());
        summary.put("latencyMicros", latencies.percentiles());
        summary.put("healthyLatencyMicros", healthyLatencies.percentiles());
        return summary;
    }

    /** An append-only list of longs with percentiles on demand. */
    private static final class LongSamples {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        Map<String, Long> percentiles() {
            long[] sorted;
            synchronized (this) {
                sorted = Arrays.copyOf(values, size);
            }
            Arrays.sort(sorted);
            Map<String, Long> result = new LinkedHashMap<>();
            result.put("count", (long) sorted.length);
            if (sorted.length > 0) {
                result.put("p50", at(sorted, 0.50));
                result.put("p95", at(sorted, 0.95));
                result.put("p99", at(sorted, 0.99));
                result.put("max", sorted[sorted.length - 1]);
            }
            return result;
        }

        private static long at(long[] sorted, double quantile) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
        }
    }
}
