package dev.hooklane.benchmarks.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSampleTest {

    @Test
    void shouldSubtractTheEarlierSampleOfEachPart() {
        CpuSample before = new CpuSample(1_000_000_000L, Map.of(Part.BROKER, Duration.ofMillis(400), Part.WORKER, Duration.ofMillis(1_000)), Map.of());
        CpuSample after = new CpuSample(3_000_000_000L, Map.of(Part.BROKER, Duration.ofMillis(900), Part.WORKER, Duration.ofMillis(2_500)), Map.of());

        CpuUse used = after.since(before);

        assertThat(used.wall()).isEqualTo(Duration.ofSeconds(2));
        assertThat(used.seconds(Part.BROKER)).isCloseTo(0.5, within(1e-9));
        assertThat(used.seconds(List.of(Part.BROKER, Part.WORKER))).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void shouldLeaveOutAPartThatWasNotInBothSamples() {
        CpuSample before = new CpuSample(0, Map.of(Part.BROKER, Duration.ofMillis(400)), Map.of());
        CpuSample after = new CpuSample(1, Map.of(Part.BROKER, Duration.ofMillis(500), Part.PEER, Duration.ofSeconds(3)), Map.of());

        CpuUse used = after.since(before);

        assertThat(used.has(Part.PEER)).isFalse();
        assertThat(used.seconds(Part.PEER)).isZero();
    }

    @Test
    void shouldAddAProgramMeasuredApart() {
        CpuUse used = new CpuUse(Duration.ofSeconds(10), Map.of(Part.RECEIVER, Duration.ofSeconds(4)))
                .with(Part.WRK, Duration.ofMillis(1_500));

        assertThat(used.seconds(Part.WRK)).isCloseTo(1.5, within(1e-9));
        assertThat(used.seconds(Part.RECEIVER)).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void shouldKeepTheCompilersShareApartAndNeverBelowZero() {
        CpuSample before = new CpuSample(0, Map.of(Part.ROUTER, Duration.ofMillis(400), Part.WORKER, Duration.ofMillis(400)),
                Map.of(Part.ROUTER, Duration.ofMillis(100), Part.WORKER, Duration.ofMillis(300)));
        // the worker's compiler thread that had used 300 ms ended: its time left the sum
        CpuSample after = new CpuSample(1, Map.of(Part.ROUTER, Duration.ofMillis(1_400), Part.WORKER, Duration.ofMillis(900)),
                Map.of(Part.ROUTER, Duration.ofMillis(350), Part.WORKER, Duration.ofMillis(50)));

        CpuUse used = after.since(before);

        assertThat(used.compilingSeconds(List.of(Part.ROUTER))).isCloseTo(0.25, within(1e-9));
        assertThat(used.compilingSeconds(List.of(Part.ROUTER, Part.WORKER))).isCloseTo(0.25, within(1e-9));
        assertThat(used.hasCompiling(List.of(Part.ROUTER, Part.WORKER))).isTrue();
        assertThat(used.hasCompiling(List.of(Part.BROKER))).isFalse();
        assertThat(after.compilingSince(before)).isEqualTo(Duration.ofMillis(250));
    }
}
