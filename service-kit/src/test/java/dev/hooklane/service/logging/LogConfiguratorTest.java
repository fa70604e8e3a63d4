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

    /** Logs values that hold line breaks and other control characters, as an event id sent by a client might. */
    public static final class ForgedLines {
        public static void main(String[] args) {
            MDC.put("eventId", "evt-8\nFORGED-MDC");
            LoggerFactory.getLogger("dev.hooklane.example").info("refused event {}", "evt-9\r\n00:00:00.000 INFO  FORGED-ARG \u0007\u2028");
            LoggerFactory.getLogger("dev.hooklane.example").warn("request failed",
                    new IllegalStateException("bad id x\nFORGED-EXCEPTION", new IllegalArgumentException("cause\nFORGED-CAUSE")));
        }
    }

    @Test
    void shouldEscapeControlCharactersOfLoggedValuesInText(@TempDir Path dir) throws Exception {
        List<String> lines = runAll(dir, ForgedLines.class, Map.of());
        assertThat(lines).noneMatch(line -> line.startsWith("FORGED") || line.startsWith("00:00:00.000"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("refused event evt-9\\r\\n00:00:00.000 INFO  FORGED-ARG \\u0007\\u2028"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("java.lang.IllegalStateException: bad id x\\nFORGED-EXCEPTION"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Caused by: java.lang.IllegalArgumentException: cause\\nFORGED-CAUSE"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("\tat "));
    }

    @Test
    void shouldEscapeControlCharactersOfLoggedValuesInJson(@TempDir Path dir) throws Exception {
        List<String> lines = runAll(dir, ForgedLines.class, Map.of("HOOKLANE_LOG_FORMAT", "json"));
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.path("message").asText()).isEqualTo("refused event evt-9\r\n00:00:00.000 INFO  FORGED-ARG \u0007\u2028");
        assertThat(first.path("eventId").asText()).isEqualTo("evt-8\nFORGED-MDC");
        assertThat(Json.mapper().readTree(lines.get(1)).path("stack_trace").asText()).contains("bad id x\nFORGED-EXCEPTION");
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

    /** Every line the program wrote, as {@link String#lines} splits them. */
    private static List<String> runAll(Path dir, Class<?> program, Map<String, String> env) throws Exception {
        Path log = dir.resolve("all.log");
        try (ServiceProcess process = ServiceProcess.of("forged-lines", program.getName(), env, List.of("-Xmx64m"), log)) {
            process.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
            assertThat(process.stop(Duration.ofSeconds(1))).isZero();
        }
        return Files.readString(log).lines().filter(line -> !line.isBlank()).toList();
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
