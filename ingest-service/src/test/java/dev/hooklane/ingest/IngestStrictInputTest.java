package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.openapi.OpenApiContract;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that ingest must refuse rather than store changed or in part: every refusal names its field and writes nothing. */
@Tag("kafka")
class IngestStrictInputTest {

    private static IngestFixture fixture;
    private static IngestService service;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("ingest-strict"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        fixture = new IngestFixture(kafka);
        key = fixture.createTenant("acme");
        service = IngestService.start(new IngestConfig(kafka, HttpSettings.ephemeral(), Duration.ofSeconds(10), 16_384, 3, 8192));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static HttpResponse<String> post(String contentType, String body, Map<String, String> headers) throws Exception {
        return fixture.post(service.port(), key, contentType, body, headers);
    }

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"order.created\",\"data\":{\"n\":1}}";
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** Asserts a problem answer naming {@code fields} (when given), then that a valid marker is the only event stored after it. */
    private static void assertRefused(HttpResponse<String> refused, int status, String... fields) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        if (fields.length > 0) {
            JsonNode problem = Json.mapper().readTree(refused.body());
            assertThat(problem.path("errors").findValuesAsText("field")).as(refused.body()).containsExactly(fields);
        }
        assertOnlyMarkerStoredAfter(fixture.storedIds());
    }

    private static void assertOnlyMarkerStoredAfter(List<String> before) throws Exception {
        String marker = unique("marker");
        assertThat(post("application/json", event(marker), Map.of()).statusCode()).isEqualTo(202);
        List<String> after = new java.util.ArrayList<>(fixture.storedIds());
        after.removeAll(before);
        assertThat(after).containsExactly(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s%s", "%s %s", "%s\ngarbage", "[%s][%s]", "%s,%s", "[%s] [%s]"})
    void shouldRefuseABodyWithMoreThanOneJsonValue(String shape) throws Exception {
        assertRefused(post("application/json", shape.formatted(event(unique("first")), event(unique("second"))), Map.of()), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\u0000", "line\\nforged", "bell\\u0007", "sep\\u2028arated", "del\\u007f"})
    void shouldRefuseControlCharactersAndUnpairedSurrogatesInIdsNamingTheField(String text) throws Exception {
        assertRefused(post("application/json", "{\"id\":\"" + text + "\",\"type\":\"a\",\"data\":{}}", Map.of()), 422, "id");
        assertRefused(post("application/json", "{\"type\":\"a\",\"subject\":\"" + text + "\",\"data\":{}}", Map.of()), 422, "subject");
        assertRefused(post("application/json", "{\"type\":\"a" + text + "\",\"data\":{}}", Map.of()), 422, "type");
        assertRefused(post("application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"" + text + "\",\"source\":\"/s\",\"type\":\"a\"}", Map.of()), 422, "id");
        assertRefused(post("application/cloudevents-batch+json", "[{\"specversion\":\"1.0\",\"id\":\"ok\",\"source\":\"/s\",\"type\":\"a\","
                + "\"subject\":\"" + text + "\"}]", Map.of()), 422, "[0].subject");
    }

    @Test
    void shouldRefuseControlCharactersInBinaryModeAttributesNamingTheHeader() throws Exception {
        assertRefused(post("application/json", "{}", Map.of("ce-specversion", "1.0", "ce-id", "a\tb", "ce-source", "/s", "ce-type", "a")),
                422, "ce-id");
        assertRefused(post("application/json", "{}", Map.of("ce-specversion", "1.0", "ce-id", "x", "ce-source", "/s", "ce-type", "a",
                "ce-subject", "tab\there")), 422, "ce-subject");
    }

    @Test
    void shouldRefuseACloudEventsSourceWithAControlCharacter() throws Exception {
        assertRefused(post("application/json", "{\"type\":\"a\",\"source\":\"/s\\u0000\",\"data\":{}}", Map.of()), 422, "source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "2e308"})
    void shouldRefuseNumbersBeyondDoubleRangeNamingTheField(String number) throws Exception {
        assertRefused(post("application/json", "{\"type\":\"a\",\"data\":{\"total\":" + number + "}}", Map.of()), 422, "data.total");
        assertRefused(post("application/json", "{\"total\":" + number + "}", Map.of("ce-specversion", "1.0", "ce-id", unique("bin"),
                "ce-source", "/s", "ce-type", "a")), 422, "total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "-1e-400", "4e-330"})
    void shouldRefuseNumbersThatUnderflowToZeroNamingTheField(String number) throws Exception {
        assertRefused(post("application/json", "{\"type\":\"a\",\"data\":{\"total\":" + number + "}}", Map.of()), 422, "data.total");
        assertRefused(post("application/cloudevents-batch+json", "[{\"specversion\":\"1.0\",\"id\":\"" + unique("ce") + "\",\"source\":\"/s\","
                + "\"type\":\"a\",\"data\":[" + number + "]}]", Map.of()), 422, "[0].data[0]");
        assertRefused(post("application/json", "{\"total\":" + number + "}", Map.of("ce-specversion", "1.0", "ce-id", unique("bin"),
                "ce-source", "/s", "ce-type", "a")), 422, "total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "0e5", "-0", "-0.0"})
    void shouldKeepANumberWrittenAsZero(String number) throws Exception {
        String id = unique("zero");
        assertThat(post("application/json", "{\"id\":\"" + id + "\",\"type\":\"a\",\"data\":{\"total\":" + number + "}}", Map.of())
                .statusCode()).isEqualTo(202);
        assertThat(fixture.storedEvents()).filteredOn(event -> event.id().equals(id)).singleElement()
                .satisfies(event -> assertThat(event.data().path("total").asDouble()).isZero());
    }

    @Test
    void shouldRefuseTwoValuesInABinaryModeBody() throws Exception {
        assertRefused(post("application/json", "{\"a\":1}{\"b\":2}", Map.of("ce-specversion", "1.0", "ce-id", unique("bin"),
                "ce-source", "/s", "ce-type", "a")), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1.1", "2.0", "1"})
    void shouldRefuseASpecversionOtherThan10NamingTheField(String version) throws Exception {
        String cloudEvent = "{\"specversion\":\"" + version + "\",\"id\":\"" + unique("ce") + "\",\"source\":\"/s\",\"type\":\"a\"}";
        assertRefused(post("application/cloudevents+json", cloudEvent, Map.of()), 422, "specversion");
        assertRefused(post("application/json", cloudEvent, Map.of()), 422, "specversion");
        assertRefused(post("application/cloudevents-batch+json", "[" + cloudEvent + "]", Map.of()), 422, "[0].specversion");
        assertRefused(post("application/json", "{}", Map.of("ce-specversion", version, "ce-id", unique("bin"), "ce-source", "/s",
                "ce-type", "a")), 422, "ce-specversion");
    }

    @Test
    void shouldRefuseANumericSpecversion() throws Exception {
        assertRefused(post("application/cloudevents+json", "{\"specversion\":1.0,\"id\":\"x\",\"source\":\"/s\",\"type\":\"a\"}", Map.of()),
                422, "specversion");
    }

    @Test
    void shouldRefuseACharsetOtherThanUtf8AndAnEncodingItDoesNotDecode() throws Exception {
        assertRefused(post("application/json; charset=iso-8859-1", event(unique("latin")), Map.of()), 415);
        assertRefused(post("application/cloudevents+json; charset=utf-16", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"a\"}",
                Map.of()), 415);
        assertRefused(post("application/json", event(unique("gz")), Map.of("Content-Encoding", "gzip")), 415);
        assertThat(post("application/json; charset=UTF-8", event(unique("utf8")), Map.of()).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldRefuseTwoContentTypeHeaders() throws Exception {
        List<String> before = fixture.storedIds();
        String body = event(unique("twice"));
        String answer = raw("POST /v1/events HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                + "Content-Type: application/cloudevents+json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
        assertDocumented(answer);
        assertOnlyMarkerStoredAfter(before);
    }

    @Test
    void shouldAnswer400ToAMalformedChunkedBody() throws Exception {
        List<String> before = fixture.storedIds();
        String answer = raw("POST /v1/events HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + event(unique("chunk")) + "\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("Exception");
        assertDocumented(answer);
        assertOnlyMarkerStoredAfter(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@example.com/cb", "https://example.com/cb#part", "https://example.com:0/cb",
            "https://example.com:65536/cb", "OVERLONG"})
    void shouldHoldCallbackUrlsToTheWebhookUrlRule(String url) throws Exception {
        String callback = url.equals("OVERLONG") ? "https://example.com/" + "p".repeat(3000) : url;
        assertRefused(post("application/json", "{\"type\":\"a\",\"data\":{},\"callbackUrl\":\"" + callback + "\"}", Map.of()), 422, "callbackUrl");
    }

    @Test
    void shouldAnswer405WithAllowWhenTheMethodIsWrong() {
        JsonHttp http = new JsonHttp(service.port()).checkedAgainst(IngestFixture.CONTRACT);
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            JsonHttp.Answer answer = http.send(method, "/v1/events", key, null, Map.of());
            assertThat(answer.status()).as(method).isEqualTo(405);
            assertThat(answer.header("Allow")).as(method).contains("POST");
            assertThat(answer.header("Content-Type")).get().asString().startsWith("application/problem+json");
        }
    }

    /** Holds an answer read off the socket to the document, as the fixture does with the answers of its client. */
    private static void assertDocumented(String answer) {
        String[] headAndBody = answer.split("\r\n\r\n", 2);
        String[] lines = headAndBody[0].split("\r\n");
        Optional<String> contentType = Arrays.stream(lines).filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        assertThat(IngestFixture.CONTRACT.violations(new OpenApiContract.Exchange("POST", "/v1/events", Optional.of("application/json"), null,
                status, contentType, headAndBody[1]))).isEmpty();
    }

    /** Sends {@code request} as written and reads the answer until the server closes the connection. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
