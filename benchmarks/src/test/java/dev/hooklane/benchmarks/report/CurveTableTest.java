package dev.hooklane.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurveTableTest {

    private static CurveStep step(double offered, double p99) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("worker", 41.25);
        cpu.put("broker + router + worker", 1_234.5);
        return new CurveStep(offered, offered * 0.99, p99 / 3, p99 / 2, p99, p99 * 2, cpu, 1.5);
    }

    @Test
    void shouldSayAtWhichOfferedRateP99FirstExceedsEachThreshold() {
        List<CurveStep> steps = List.of(step(1_000, 20), step(2_000, 45), step(5_000, 80), step(10_000, 300), step(15_000, 2_500),
                step(20_000, 900));

        assertThat(CurveTable.crossings(steps))
                .contains("p99 first exceeds 50 ms at 5,000 deliveries/s offered (p99 80.0 ms there; 45.0 ms at 2,000/s)")
                .contains("p99 first exceeds 1 s at 15,000 deliveries/s offered (p99 2,500 ms there; 300 ms at 10,000/s)");
    }

    @Test
    void shouldSayWhenP99StaysWithinAThresholdOverTheWholeCurve() {
        List<CurveStep> steps = List.of(step(1_000, 20), step(20_000, 700));

        assertThat(CurveTable.crossings(steps))
                .contains("p99 first exceeds 50 ms at 20,000 deliveries/s offered")
                .contains("p99 stays within 1 s up to 20,000 deliveries/s offered, the curve's last step");
    }

    @Test
    void shouldNameAStepWithoutDeliveries() {
        List<CurveStep> steps = List.of(step(1_000, 20), step(2_000, Double.NaN));

        assertThat(CurveTable.crossings(steps)).contains("no delivery arrived in the window of the step at 2,000/s");
    }

    @Test
    void shouldTabulateEachStepWithItsCpuPerDeliveryAndLinkThePicture() {
        String md = CurveTable.markdown(List.of(step(1_000, 20)), Optional.of("benchmark-latency.svg"));

        assertThat(md).contains("![Latency from event time to receipt by deliveries/s delivered](benchmark-latency.svg)")
                .contains("| offered deliveries/s | delivered/s | p50 | p95 | p99 | max | worker | broker + router + worker | load avg |")
                .contains("| 1,000 | 990 | 6.7 ms | 10.0 ms | 20.0 ms | 40.0 ms | 41.3 | 1,234.5 | 1.5 |");
    }
}
