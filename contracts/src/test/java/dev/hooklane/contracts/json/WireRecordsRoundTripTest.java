package dev.hooklane.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.signing.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
