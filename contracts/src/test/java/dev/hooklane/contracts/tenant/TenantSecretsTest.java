package dev.hooklane.contracts.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantSecretsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final String FIRST = WebhookSecret.generate().encoded();
    private static final String SECOND = WebhookSecret.generate().encoded();
    private static final String THIRD = WebhookSecret.generate().encoded();

    private static List<String> signing(Tenant tenant, Instant at) {
        return tenant.activeSecrets(at).stream().map(SigningSecret::secret).toList();
    }

    @Test
    void shouldSignWithThePreviousCallbackSecretForTheOverlapAfterARotation() {
        Tenant tenant = new Tenant("credas", "Credas", FIRST, NOW, Optional.empty());
        assertThat(signing(tenant, NOW)).containsExactly(FIRST);

        Tenant rotated = tenant.withCallbackSecret(SECOND, Duration.ofHours(1), NOW.plusSeconds(60));
        assertThat(rotated.defaultSecret()).isEqualTo(SECOND);
        assertThat(signing(rotated, NOW.plusSeconds(61))).containsExactly(SECOND, FIRST);
        assertThat(signing(rotated, NOW.plusSeconds(60).plus(Duration.ofHours(1)))).containsExactly(SECOND);
        assertThat(tenant.withCallbackSecret(SECOND, Duration.ZERO, NOW).previousSecrets()).as("no overlap").isEmpty();
    }

    @Test
    void shouldNeverLengthenAPreviousSecretsOverlapOnAFurtherRotation() {
        Tenant twice = new Tenant("credas", "Credas", FIRST, NOW, Optional.empty())
                .withCallbackSecret(SECOND, Duration.ofMinutes(10), NOW)
                .withCallbackSecret(THIRD, Duration.ofHours(1), NOW.plusSeconds(60));
        assertThat(twice.previousSecrets()).extracting(SigningSecret::secret, s -> s.expiresAt().orElseThrow()).containsExactly(
                tuple(SECOND, NOW.plusSeconds(60).plus(Duration.ofHours(1))),
                tuple(FIRST, NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    void shouldReadATenantWrittenBeforeRotationsExisted() {
        String old = "{\"id\":\"credas\",\"name\":\"Credas\",\"defaultSecret\":\"" + FIRST + "\",\"createdAt\":\"2026-05-01T10:00:00Z\"}";
        try (JsonSerde<Tenant> serde = JsonSerde.of(Tenant.class)) {
            Tenant read = serde.deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));
            assertThat(read.previousSecrets()).isEmpty();
            assertThat(signing(read, NOW)).containsExactly(FIRST);
            Tenant rotated = read.withCallbackSecret(SECOND, Duration.ofHours(1), NOW);
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", rotated))).isEqualTo(rotated);
        }
    }

    @Test
    void shouldRefuseAPreviousSecretWithoutExpiry() {
        assertThatThrownBy(() -> new Tenant("credas", "Credas", FIRST, NOW, Optional.empty(),
                List.of(new SigningSecret(SECOND, NOW, Optional.empty())))).isInstanceOf(IllegalArgumentException.class);
    }
}
