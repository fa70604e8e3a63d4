package dev.hooklane.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.cpu.CpuSample;
import dev.hooklane.benchmarks.cpu.CpuUse;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's wiring, end to end and tiny: broker, receiver, router and worker each in a JVM of
 * their own; 30 events produced to Kafka fan out to 10 subscriptions each, and every one of the
 * 300 deliveries reaches the receiver. The CPU account sees every process and the router's count
 * of emitted jobs is read. Nothing here measures speed.
 */
@Tag("kafka")
class HarnessSmokeTest {

    private static final int EVENTS = 30;
    private static final int FAN_OUT = 10;

    @Test
    @Timeout(120)
    void shouldDeliverEveryFannedOutEventThroughTheSeparateJvms(@TempDir Path workDir) {
        try (BenchmarkStack stack = BenchmarkStack.start(workDir, false);
             Pipeline pipeline = Pipeline.prepare(stack, "smoke.", List.of(Duration.ofSeconds(2)))
                     .subscribe(FAN_OUT * 2, FAN_OUT * 2, i -> "smoke.type-" + i % 2).startRouterAndWorker();
             EventLoad load = new EventLoad(pipeline.kafka())) {
            stack.receiver().reset(ReceiverMode.OK);
            CpuSample before = stack.cpu();
            for (int i = 0; i < EVENTS; i++) {
                load.send("smoke.type-" + i % 2);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> stack.receiver().answered() >= EVENTS * FAN_OUT);
            JsonNode stats = stack.receiver().stats();
            assertThat(stats.path("distinctIds").asLong()).isEqualTo(EVENTS * FAN_OUT);
            assertThat(stats.path("latencyMicros").path("count").asLong()).isEqualTo(stats.path("answered").asLong());
            assertThat(load.failed()).isZero();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    pipeline.workerMetrics().sum("webhook_delivery_attempts_total", "status_class=\"2xx\"")).isEqualTo(EVENTS * FAN_OUT));
            assertThat(pipeline.routerJobsEmitted()).hasValue(EVENTS * FAN_OUT);
            CpuUse used = stack.cpu().since(before);
            for (Part part : List.of(Part.BROKER, Part.ROUTER, Part.WORKER, Part.RECEIVER, Part.HARNESS)) {
                assertThat(used.seconds(part)).as("CPU seconds of the %s while it delivered", part.label()).isPositive();
            }
        }
    }
}
