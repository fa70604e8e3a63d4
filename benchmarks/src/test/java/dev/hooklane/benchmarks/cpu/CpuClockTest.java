package dev.hooklane.benchmarks.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class CpuClockTest {

    @Test
    void shouldCountTheCpuTimeOfAnotherProcessWhileItRuns() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(CpuClock.ofProcess(busy.pid())).hasValueSatisfying(used -> assertThat(used).isPositive()));
            Duration earlier = CpuClock.ofProcess(busy.pid()).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(CpuClock.ofProcess(busy.pid())).hasValueSatisfying(used -> assertThat(used).isGreaterThan(earlier)));
        } finally {
            busy.destroyForcibly().waitFor();
        }
    }

    @Test
    void shouldTellNothingOfAProcessThatHasEnded() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertThat(CpuClock.ofProcess(ended.pid())).isEmpty();
    }

    @Test
    void shouldCountThisJvmsOwnCpuTime() {
        Duration before = CpuClock.ofThisJvm();
        long spinUntil = System.nanoTime() + Duration.ofMillis(50).toNanos();
        while (System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }

        assertThat(CpuClock.ofThisJvm()).isGreaterThan(before);
    }

    @Test
    void shouldReadACompilerThreadsTimeFromItsStatAndNoOtherThreads() {
        String compiler = "4711 (C2 CompilerThre) S 1 1 1 0 -1 1077936192 5 0 0 0 123 45 0 0 20 0 2 0 99 0 0";
        String other = "4712 (kafka (io) thread) S 1 1 1 0 -1 1077936192 5 0 0 0 900 900 0 0 20 0 2 0 99 0 0";

        assertThat(CpuClock.compilerTicks(compiler)).isEqualTo(168);
        assertThat(CpuClock.compilerTicks(other)).isZero();
    }

    @Test
    void shouldReadThisJvmsCompilerThreads() {
        assertThat(CpuClock.compilingOf(ProcessHandle.current().pid())).hasValueSatisfying(used -> assertThat(used).isPositive());
    }
}
