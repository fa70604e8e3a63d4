package dev.hooklane.benchmarks.history;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.subscriptions.attempts.AttemptStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the API's attempt history costs per attempt: CPU to index one, bytes on disk once compacted,
 * the time to read a page at the top and deep in a subscription's history, and the time to forget a
 * day. Attempts are written as the worker writes them (1,000 a second of attempt time, over
 * {@value #SUBSCRIPTIONS} subscriptions and {@value #PARTITIONS} partitions), so the figures scale
 * to a week at 1,000 attempts/s by multiplication.
 *
 * <p>Run: {@code ./mvnw -B -q -ntp -pl benchmarks -am process-classes && java -cp
 * "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * dev.hooklane.benchmarks.history.AttemptHistoryCapacity [attempts, default 2000000]}
 */
public final class AttemptHistoryCapacity {

    private static final int SUBSCRIPTIONS = 1_000;
    private static final int PARTITIONS = 12;
    private static final long WEEK_AT_1000_PER_SECOND = Duration.ofDays(7).toSeconds() * 1_000;
    private static final int QUERIES = 2_000;

    private AttemptHistoryCapacity() {
    }

    public static void main(String[] args) throws IOException {
        int attempts = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path directory = Files.createTempDirectory("attempt-history-capacity");
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Instant longAgo = Instant.EPOCH;
        try (AttemptStore store = new AttemptStore(directory)) {
            SplittableRandom random = new SplittableRandom(7);
            long[] offsets = new long[PARTITIONS];
            long cpu = cpuNanos();
            long wall = System.nanoTime();
            for (int n = 0; n < attempts; n++) {
                int subscription = random.nextInt(SUBSCRIPTIONS);
                boolean success = random.nextInt(10) > 0;
                AttemptRecord attempt = new AttemptRecord("msg_" + UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID().toString(),
                        "tenant-" + subscription % 50, Optional.of("sub_" + subscription + "_2f9c1e7a4b"), success ? 1 : 2,
                        success ? AttemptOutcome.SUCCESS : AttemptOutcome.RETRY, Optional.of(success ? 200 : 503), 40 + random.nextInt(200),
                        Optional.of(success ? "{\"ok\":true}" : "Service Unavailable"), success ? Optional.empty() : Optional.of("HTTP 503"),
                        start.plusMillis(n));
                int partition = random.nextInt(PARTITIONS);
                store.add(partition, offsets[partition]++, AttemptCodec.encode(attempt), longAgo);
            }
            double writeSeconds = (System.nanoTime() - wall) / 1e9;
            double writeCpuMicros = (cpuNanos() - cpu) / 1e3 / attempts;
            store.compact();
            long bytes = directorySize(directory);

            long topNanos = timeQueries(store, random, Optional.empty());
            // Deep: a cursor at the middle of the history.
            Optional<AttemptStore.Position> middle = Optional.of(AttemptStore.Position.of(start.plusMillis(attempts / 2), 0, 0));
            long deepNanos = timeQueries(store, random, middle);

            long dropStarted = System.nanoTime();
            int forgotten = store.expireBefore(start.plus(Duration.ofDays(1)));
            double dropMillis = (System.nanoTime() - dropStarted) / 1e6;

            double bytesPerAttempt = (double) bytes / attempts;
            System.out.printf("attempts indexed:              %,d%n", attempts);
            System.out.printf("index rate:                    %,.0f attempts/s (one thread)%n", attempts / writeSeconds);
            System.out.printf("CPU to index one attempt:      %.1f µs%n", writeCpuMicros);
            System.out.printf("disk, compacted:               %,d bytes = %.0f bytes per attempt%n", bytes, bytesPerAttempt);
            System.out.printf("a week at 1,000 attempts/s:    %,d attempts, %.1f GiB on disk, %.1f h to index from scratch%n",
                    WEEK_AT_1000_PER_SECOND, bytesPerAttempt * WEEK_AT_1000_PER_SECOND / (1L << 30),
                    WEEK_AT_1000_PER_SECOND * writeSeconds / attempts / 3600);
            System.out.printf("page of 50, newest:            %.0f µs mean over %,d subscriptions%n", topNanos / 1e3, QUERIES);
            System.out.printf("page of 50, mid-history cursor: %.0f µs mean%n", deepNanos / 1e3);
            System.out.printf("forgetting a day:              %.0f ms (%d day dropped)%n", dropMillis, forgotten);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long timeQueries(AttemptStore store, SplittableRandom random, Optional<AttemptStore.Position> after) {
        long started = System.nanoTime();
        int answered = 0;
        for (int q = 0; q < QUERIES; q++) {
            answered += store.ofSubscription("sub_" + random.nextInt(SUBSCRIPTIONS) + "_2f9c1e7a4b", after, 50, Instant.EPOCH).attempts().size();
        }
        if (answered == 0) {
            throw new IllegalStateException("the queries found nothing: the measurement is wrong");
        }
        return (System.nanoTime() - started) / QUERIES;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long directorySize(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
