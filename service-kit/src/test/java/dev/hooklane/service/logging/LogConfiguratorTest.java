package dev.hooklane.service.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.testkit.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logging is configured from the environment when the JVM starts, so each case runs its own JVM. */
class LogConfiguratorTest {

    /** Logs one line with a correlation key in the MDC, and a debug line that INFO hides. */
    public static final class OneLine {
        public static void main(String[] args) {
            MDC.put("eventId", "evt-7");
            LoggerFactory.getLogger("dev.hooklane.example").info("delivered {}", "job-1");
            LoggerFactory.getLogger("dev.hooklane.example").debug("hidden at INFO");
        }
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWhenAskedFor(@TempDir Path dir) throws Exception {
        List<String> lines = run(dir, Map.of("HOOKLANE_LOG_FORMAT", "json"));
        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("message").asText()).isEqualTo("delivered job-1");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger_name").asText()).isEqualTo("dev.hooklane.example");
        assertThat(line.path("eventId").asText()).isEqualTo("evt-7");
        assertThat(line.has("@timestamp")).isTrue();
    }

    @Test
    void shouldWritePlainTextByDefault(@TempDir Path dir) throws Exception {
        List<String> lines = run(dir, Map.of());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotStartWith("{").contains("INFO").contains("delivered job-1");
    }

    @Test
    void shouldTakeTheRootLevelFromTheEnvironment(@TempDir Path dir) throws Exception {
        assertThat(run(dir, Map.of("HOOKLANE_LOG_LEVEL", "debug"))).hasSize(2).last().asString().contains("hidden at INFO");
    }

    private static List<String> run(Path dir, Map<String, String> env) throws Exception {
        Path log = dir.resolve("out.log");
        try (ServiceProcess process = ServiceProcess.of("one-line", OneLine.class.getName(), env, List.of("-Xmx64m"), log)) {
            process.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
            assertThat(process.stop(Duration.ofSeconds(1))).isZero();
        }
        return Files.readAllLines(log).stream().filter(line -> line.contains("dev.hooklane.example") || line.contains("job-1")
                || line.contains("hidden at INFO")).toList();
    }
}
