package dev.hooklane.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WrkTest {

    private static final String OUTPUT = """
            Running 10s test @ http://127.0.1.1:41000/hooks/1
              2 threads and 100 connections
              781972 requests in 10.00s, 47.73MB read
            Requests/sec:  78197.20
            Transfer/sec:      4.77MB
            0m0.002s 0m0.001s
            1m2.345s 0m3.500s
            """;

    @Test
    void shouldAddUpTheUserAndSystemTimeOfTheShellsChildren() throws Wrk.Unavailable {
        assertThat(Wrk.childrenCpu(OUTPUT)).isEqualTo(Duration.ofSeconds(65).plusMillis(845));
    }

    @Test
    void shouldSayWhenTheShellReportedNoTimes() {
        assertThatThrownBy(() -> Wrk.childrenCpu("Requests/sec:  78197.20\n")).isInstanceOf(Wrk.Unavailable.class);
    }
}
