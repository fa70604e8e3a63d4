package dev.hooklane.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.contracts.signing.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireRecordsRoundTripTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

    static Subscription fullSubscription() {
        return new Subscription("sub_1", "acme", "https://example.com/hook?our-reference=1232323", List.of("report.*", "NewCustomer"),
                List.of(new FilterCondition("data.municipalityId", List.of("m-1")), new FilterCondition("data.processId", List.of("p1", "p2"))),
                Optional.of("warehouse"), Optional.of("sync reports"), Map.of("x-team", "ops"), false, Optional.of("410 Gone"),
                PayloadFormat.EVENT_PAYLOAD,
                List.of(new SigningSecret(WebhookSecret.generate().encoded(), NOW, Optional.empty()),
                        new SigningSecret(WebhookSecret.generate().encoded(), NOW.minusSeconds(60), Optional.of(NOW.plusSeconds(3600)))),
                Optional.of(50), Optional.of(Duration.ofSeconds(10)), Map.of("owner", "team-a"), NOW.minusSeconds(60), NOW);
    }

    @Test
    void shouldRoundTripASubscriptionWithEveryField() {
        JsonSerde<Subscription> serde = JsonSerde.of(Subscription.class);
        Subscription original = fullSubscription();
        assertThat(serde.fromBytes(serde.toBytes(original))).isEqualTo(original);
    }

    @Test
    void shouldRoundTripAMinimalSubscriptionAndFillDefaults() {
        JsonSerde<Subscription> serde = JsonSerde.of(Subscription.class);
        Subscription minimal = Subscription.create("sub_2", "acme", "https://example.com/", List.of("*"), WebhookSecret.generate().encoded(), NOW);
        Subscription read = serde.fromBytes(serde.toBytes(minimal));
        assertThat(read).isEqualTo(minimal);
        assertThat(read.format()).isEqualTo(PayloadFormat.STANDARD);
        assertThat(read.name()).isEmpty();
    }

    @Test
    void shouldWritePayloadFormatsAndOptionalsInTheirWireForm() {
        String json = new String(JsonSerde.of(Subscription.class).toBytes(fullSubscription()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"format\":\"event-payload\"").contains("\"createdAt\":\"2026-11-23T10:14:30.123Z\"")
                .contains("\"timeout\":\"PT10S\"").contains("\"rateLimitPerSecond\":50");
    }

    @Test
    void shouldWriteAFilterWithoutExpressionAsTheConditionsArrayItAlwaysWas() {
        String json = new String(JsonSerde.of(Subscription.class).toBytes(fullSubscription()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"filter\":[{\"attribute\":\"data.municipalityId\",\"anyOf\":[\"m-1\"]},");
        assertThat(new String(JsonSerde.of(Subscription.class).toBytes(Subscription.create("s", "acme", "https://example.com/", List.of("*"),
                WebhookSecret.generate().encoded(), NOW)), StandardCharsets.UTF_8)).contains("\"filter\":[]");
    }

    @Test
    void shouldRoundTripAFilterWithAnExpressionAsAnObject() {
        JsonSerde<Subscription> serde = JsonSerde.of(Subscription.class);
        Subscription full = fullSubscription();
        SubscriptionFilter filter = new SubscriptionFilter(full.filter().conditions(), Optional.of("data.amount > 1000"));
        Subscription withExpression = new Subscription(full.id(), full.tenant(), full.url(), full.eventTypes(), filter, full.name(),
                full.description(), full.headers(), full.enabled(), full.disabledReason(), full.format(), full.secrets(),
                full.rateLimitPerSecond(), full.timeout(), full.metadata(), full.createdAt(), full.updatedAt());
        String json = new String(serde.toBytes(withExpression), StandardCharsets.UTF_8);
        assertThat(json).contains("\"filter\":{\"conditions\":[{\"attribute\":\"data.municipalityId\"")
                .contains("\"expression\":\"data.amount > 1000\"}");
        assertThat(serde.fromBytes(serde.toBytes(withExpression))).isEqualTo(withExpression);
        SubscriptionFilter expressionOnly = new SubscriptionFilter(List.of(), Optional.of("type == 'x'"));
        JsonSerde<SubscriptionFilter> filters = JsonSerde.of(SubscriptionFilter.class);
        assertThat(new String(filters.toBytes(expressionOnly), StandardCharsets.UTF_8)).isEqualTo("{\"expression\":\"type == 'x'\"}");
        assertThat(filters.fromBytes(filters.toBytes(expressionOnly))).isEqualTo(expressionOnly);
        assertThat(filters.fromBytes("{\"conditions\":null,\"expression\":\"true\",\"addedLater\":{\"x\":[1]}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new SubscriptionFilter(List.of(), Optional.of("true")));
        assertThatThrownBy(() -> filters.fromBytes("{\"expression\":5}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> filters.fromBytes("\"true\"".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldReadASubscriptionWithoutFilterAsUnfiltered() {
        String json = "{\"id\":\"s\",\"tenant\":\"acme\",\"url\":\"https://example.com/\",\"eventTypes\":[\"*\"],\"enabled\":true,"
                + "\"secrets\":[],\"createdAt\":\"2026-11-23T10:15:30Z\",\"updatedAt\":\"2026-11-23T10:15:30Z\"}";
        assertThat(JsonSerde.of(Subscription.class).fromBytes(json.getBytes(StandardCharsets.UTF_8)).filter()).isEqualTo(SubscriptionFilter.NONE);
    }

    @Test
    void shouldKeepTombstonesNull() {
        JsonSerde<Subscription> serde = JsonSerde.of(Subscription.class);
        assertThat(serde.toBytes(null)).isNull();
        assertThat(serde.fromBytes(null)).isNull();
    }

    @Test
    void shouldTruncateLongResponseExcerpts() {
        AttemptRecord attempt = new AttemptRecord("m", "e", "t", Optional.empty(), 1, AttemptOutcome.DLQ, Optional.of(400), 1,
                Optional.of("x".repeat(10_000)), Optional.empty(), NOW);
        assertThat(attempt.responseExcerpt()).get().asString().hasSize(AttemptRecord.MAX_EXCERPT);
    }
}
