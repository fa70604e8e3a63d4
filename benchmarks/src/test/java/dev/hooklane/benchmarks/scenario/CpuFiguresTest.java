package dev.hooklane.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hooklane.benchmarks.cpu.CpuUse;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Results;
import dev.hooklane.benchmarks.report.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuFiguresTest {

    private final Results results = new Results();
    private final CpuFigures cpu = new CpuFigures(new Bench(null, Scale.smoke(), results), "1. Throughput", "throughput", "CPU per delivery",
            "delivery", Optional.empty());

    private static CpuUse used(long brokerMillis, long routerMillis, long workerMillis) {
        return new CpuUse(Duration.ofSeconds(15), Map.of(Part.BROKER, Duration.ofMillis(brokerMillis), Part.ROUTER, Duration.ofMillis(routerMillis),
                Part.WORKER, Duration.ofMillis(workerMillis)));
    }

    @Test
    void shouldDivideEachProcesssCpuByTheWindowsDeliveriesInMicroseconds() {
        cpu.end(used(1_000, 2_000, 5_000), 100_000);
        cpu.end(used(3_000, 2_000, 5_000), 50_000);

        cpu.each(Part.BROKER, Part.WORKER).total(Part.PIPELINE, Optional.of(Target.atMost(90, "≤ 90 µs")));

        assertThat(results.figure("throughput.cpuMicros.broker").orElseThrow().runs()).containsExactly(10.0, 60.0);
        assertThat(results.figure("throughput.cpuMicros.worker").orElseThrow().runs()).containsExactly(50.0, 100.0);
        Figure pipeline = results.figure("throughput.cpuMicros.broker+router+worker").orElseThrow();
        assertThat(pipeline.runs()).containsExactly(80.0, 200.0);
        assertThat(pipeline.unit()).isEqualTo("µs/delivery");
        assertThat(pipeline.label()).isEqualTo("CPU per delivery: broker + router + worker");
        assertThat(pipeline.target()).isPresent();
    }

    @Test
    void shouldGiveTheJitCompilersShareOfThePipelinesCpuPerDelivery() {
        Map<Part, Duration> compiling = Map.of(Part.BROKER, Duration.ofMillis(500), Part.ROUTER, Duration.ofMillis(1_000), Part.WORKER,
                Duration.ofMillis(1_500));
        cpu.end(new CpuUse(Duration.ofSeconds(15), used(1_000, 2_000, 5_000).cpu(), compiling), 100_000);
        cpu.end(used(1_000, 2_000, 5_000), 100_000); // compilers not read: no share from this window

        cpu.compiling(Part.PIPELINE);

        Figure share = results.figure("throughput.cpuMicros.broker+router+worker.compiling").orElseThrow();
        assertThat(share.runs()).containsExactly(30.0);
        assertThat(share.label()).isEqualTo("CPU per delivery, of which JIT compiler threads: broker + router + worker");
        assertThat(results.cpuWindows().get("throughput").getFirst().compilingSeconds()).containsEntry("router", 1.0);
    }

    @Test
    void shouldLeaveOutAWindowThatDeliveredNothing() {
        cpu.end(used(1_000, 2_000, 5_000), 0);
        cpu.end(used(1_000, 2_000, 5_000), 100_000);

        assertThat(cpu.micros(List.of(Part.WORKER))).containsExactly(50.0);
    }

    @Test
    void shouldNoteAProcessThatDidNotRunInsteadOfAFigure() {
        cpu.end(used(1_000, 2_000, 5_000), 100_000);

        cpu.each(Part.PEER);

        assertThat(results.figure("throughput.cpuMicros.peer")).isEmpty();
        assertThat(results.notes().get("1. Throughput")).singleElement().asString().contains("peer");
    }

    @Test
    void shouldRecordTheRawWindowForTheJsonFile() {
        cpu.end(used(1_000, 2_000, 5_000), 100_000);

        assertThat(results.cpuWindows().get("throughput")).singleElement().satisfies(window -> {
            assertThat(window.count()).isEqualTo(100_000);
            assertThat(window.seconds()).isCloseTo(15.0, within(1e-9));
            assertThat(window.cpuSeconds()).containsEntry("worker", 5.0).containsEntry("broker", 1.0);
        });
    }

    @Test
    void shouldNoteThatRoutedJobsAreUnknownWhenNoRouterWasRead() {
        cpu.end(used(1_000, 2_000, 5_000), 100_000);

        cpu.perRoutedJob();

        assertThat(results.figure("throughput.cpuMicros.routerPerJob")).isEmpty();
        assertThat(results.notes().get("1. Throughput")).singleElement().asString().contains("routed job");
    }
}
