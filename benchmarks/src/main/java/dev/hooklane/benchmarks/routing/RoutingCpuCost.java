package dev.hooklane.benchmarks.routing;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time and allocation of routing one event (the {@link RoutingBenchmark} fixture), per
 * filter kind, measured on the routing thread itself: on a shared machine the wall-clock
 * percentiles follow the other processes, the thread's CPU time much less. The kinds take turns,
 * round after round, so that both see the same machine. Run by hand; see docs/benchmarks.md,
 * "Routing cost".
 *
 * <p>Arguments: subscriptions (default 1,000,000), rounds (5), events per round (20,000).
 */
public final class RoutingCpuCost {

    private RoutingCpuCost() {
    }

    public static void main(String[] args) throws IOException {
        int subscriptions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<RoutingFixture.Filters, RoutingFixture> fixtures = new EnumMap<>(RoutingFixture.Filters.class);
        List<Path> stateDirs = new ArrayList<>();
        for (RoutingFixture.Filters filters : RoutingFixture.Filters.values()) {
            Path stateDir = Files.createTempDirectory("routing-cpu");
            stateDirs.add(stateDir);
            fixtures.put(filters, new RoutingFixture(subscriptions, filters, stateDir));
        }
        try {
            // Warm-up: the same number of events as a measured round, each kind.
            fixtures.values().forEach(fixture -> route(fixture, events));
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (Map.Entry<RoutingFixture.Filters, RoutingFixture> fixture : fixtures.entrySet()) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long bytes = threads.getCurrentThreadAllocatedBytes();
                    route(fixture.getValue(), events);
                    line.append(String.format("  %s %.1f us cpu, %.1f KB per event", fixture.getKey().name().toLowerCase(Locale.ROOT),
                            (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / events,
                            (threads.getCurrentThreadAllocatedBytes() - bytes) / 1_000.0 / events));
                }
                System.out.println(line);
            }
        } finally {
            fixtures.values().forEach(RoutingFixture::close);
            for (Path stateDir : stateDirs) {
                try (var files = Files.walk(stateDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    private static void route(RoutingFixture fixture, int events) {
        for (int i = 0; i < events; i++) {
            fixture.routeNext();
        }
    }
}
