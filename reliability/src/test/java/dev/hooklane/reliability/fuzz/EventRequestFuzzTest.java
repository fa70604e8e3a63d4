package dev.hooklane.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.text.PlainText;
import dev.hooklane.ingest.EventParser;
import dev.hooklane.ingest.EventRequest;
import dev.hooklane.ingest.EventRequestReader;
import dev.hooklane.ingest.IngestConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes ingest's request reader (content types, binary-mode headers, bodies) as the HTTP route
 * calls it: every input is either events of the caller's tenant or a 4xx problem, never another
 * exception. Regression mode (the test suite) replays the inputs under
 * {@code src/test/resources/.../EventRequestFuzzTestInputs}; {@code bin/reliability fuzz} fuzzes.
 */
class EventRequestFuzzTest {

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/cloudevents+json",
            "application/cloudevents-batch+json", "application/vnd.custom+json", "text/plain", "application/json; charset=utf-8");
    private static final List<String> CE_HEADERS = List.of("ce-specversion", "ce-id", "ce-source", "ce-type", "ce-time", "ce-subject",
            "ce-tenant", "ce-callbackurl", "Idempotency-Key");
    private static final EventRequestReader READER = new EventRequestReader(new EventParser(Clock.systemUTC()),
            new IngestConfig(KafkaSettings.forBootstrap("localhost:1", "fuzz.", List.of(Duration.ofSeconds(5))),
                    new HttpSettings("127.0.0.1", 0, 1 << 20), Duration.ofSeconds(1), 16 * 1024, 50));

    @FuzzTest(maxDuration = "2m")
    void shouldReadEventsOrRefuseWithAProblem(FuzzedDataProvider data) {
        String contentType = data.pickValue(CONTENT_TYPES);
        Map<String, String> headers = new HashMap<>();
        int headerCount = data.consumeInt(0, 4);
        for (int i = 0; i < headerCount; i++) {
            headers.put(data.pickValue(CE_HEADERS), data.consumeString(64));
        }
        byte[] body = data.consumeRemainingAsBytes();
        try {
            EventRequestReader.Events read = READER.read(new EventRequest(Optional.of(contentType), headers, body), "fuzz-tenant");
            assertThat(read.events()).isNotEmpty().allSatisfy(EventRequestFuzzTest::isWellFormed);
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isBetween(400, 499);
        }
    }

    private static void isWellFormed(EventEnvelope event) {
        assertThat(event.tenant()).isEqualTo("fuzz-tenant");
        assertThat(event.id()).isNotBlank();
        assertThat(event.type()).isNotBlank();
        assertThat(List.of(event.id(), event.type(), event.source().toString(), event.subject().orElse("")))
                .allSatisfy(text -> assertThat(PlainText.isPrintable(text)).as(text).isTrue());
        assertThat(finiteNumbersOnly(event.data())).as("data holds no number beyond double range").isTrue();
    }

    private static boolean finiteNumbersOnly(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!finiteNumbersOnly(child)) {
                return false;
            }
        }
        return true;
    }
}
