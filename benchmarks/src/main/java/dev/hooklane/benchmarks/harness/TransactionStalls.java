package dev.hooklane.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Counts the refusals that stall the router's exactly-once producer, from the logs of a run: in the
 * broker's log, transactional produces refused with {@code CONCURRENT_TRANSACTIONS} (the previous
 * transaction of the same producer was still being completed; logged at DEBUG by the request
 * handler, see {@link BrokerMain}) and with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (the batches behind
 * a refused one; logged at ERROR by the replica manager); and in the routers' logs, the produce
 * retries their producers logged for either error. Each refusal is one line.
 */
public final class TransactionStalls {

    private static final Pattern CONCURRENT = Pattern.compile("failed due to \\S*ConcurrentTransactionsException");
    private static final Pattern OUT_OF_ORDER = Pattern.compile("OutOfOrderSequenceException: ");
    private static final Pattern ROUTER_RETRY = Pattern.compile("Error: (CONCURRENT_TRANSACTIONS|OUT_OF_ORDER_SEQUENCE_NUMBER)");
    private static final String ROUTER_LOG_SUFFIX = "router.log";

    /** What was counted. */
    public record Count(long concurrentTransactions, long outOfOrderSequence, long routerRetries) {

        /** Both kinds of refusal in the broker's log. */
        public long inBrokerLog() {
            return concurrentTransactions + outOfOrderSequence;
        }
    }

    /** Where each log ended when a step began. */
    public record Mark(Map<Path, Long> sizes) {
        public Mark {
            sizes = Map.copyOf(sizes);
        }
    }

    private final Path brokerLog;

    /** @param brokerLog the broker's log; the routers' logs ({@code *router.log}) are next to it */
    public TransactionStalls(Path brokerLog) {
        this.brokerLog = brokerLog;
    }

    public Mark mark() {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path log : logs()) {
            sizes.put(log, size(log));
        }
        return new Mark(sizes);
    }

    /** What the logs gained since {@code mark}; a router log started since then is read whole. */
    public Count since(Mark mark) {
        long concurrent = 0;
        long outOfOrder = 0;
        long retries = 0;
        for (Path log : logs()) {
            List<String> lines = linesAfter(log, mark.sizes().getOrDefault(log, 0L));
            if (log.equals(brokerLog)) {
                concurrent += matching(lines, CONCURRENT);
                outOfOrder += matching(lines, OUT_OF_ORDER);
            } else {
                retries += matching(lines, ROUTER_RETRY);
            }
        }
        return new Count(concurrent, outOfOrder, retries);
    }

    /** Everything the logs hold. */
    public Count total() {
        return since(new Mark(Map.of()));
    }

    private List<Path> logs() {
        if (!Files.isDirectory(brokerLog.getParent())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(brokerLog.getParent())) {
            return files.filter(file -> file.equals(brokerLog) || file.getFileName().toString().endsWith(ROUTER_LOG_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the logs in " + brokerLog.getParent(), e);
        }
    }

    private static long matching(List<String> lines, Pattern pattern) {
        return lines.stream().filter(line -> pattern.matcher(line).find()).count();
    }

    private static long size(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<String> linesAfter(Path log, long offset) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
