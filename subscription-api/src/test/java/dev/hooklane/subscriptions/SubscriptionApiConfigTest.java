package dev.hooklane.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionApiConfigTest {

    @Test
    void shouldUseTheDefaultsWhenNothingIsSet() {
        EnvConfig env = new EnvConfig(Map.of());
        SubscriptionApiConfig config = SubscriptionApiConfig.from(env);
        env.validate();
        assertThat(config.targetPolicy().allowList()).isEmpty();
        assertThat(config.secretRotationOverlap()).isEqualTo(Duration.ofHours(24));
        assertThat(config.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.eventTypeCatalog()).isEmpty();
        assertThat(config.allowHttpUrls()).isFalse();
    }

    @Test
    void shouldReadEveryKey() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_SSRF_ALLOW_LIST", "127.0.0.0/8, ::1/128", "HOOKLANE_SECRET_ROTATION_OVERLAP", "2h",
                "HOOKLANE_EVENT_TYPES_CATALOG", SubscriptionApiConfig.SEED_CATALOG, "HOOKLANE_IDEMPOTENCY_TTL", "1h",
                "HOOKLANE_ALLOW_HTTP_URLS", "true"));
        SubscriptionApiConfig config = SubscriptionApiConfig.from(env);
        env.validate();
        assertThat(config.targetPolicy().allowList()).hasSize(2);
        assertThat(config.secretRotationOverlap()).isEqualTo(Duration.ofHours(2));
        assertThat(config.eventTypeCatalog()).contains(SubscriptionApiConfig.SEED_CATALOG);
        assertThat(config.idempotencyTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRefuseBadValuesNamingTheirKeys() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_SSRF_ALLOW_LIST", "localhost", "HOOKLANE_SECRET_ROTATION_OVERLAP", "30d",
                "HOOKLANE_IDEMPOTENCY_TTL", "2d", "HOOKLANE_ADMIN_KEY", "short"));
        SubscriptionApiConfig.from(env);
        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOOKLANE_SSRF_ALLOW_LIST").hasMessageContaining("HOOKLANE_SECRET_ROTATION_OVERLAP")
                .hasMessageContaining("HOOKLANE_IDEMPOTENCY_TTL").hasMessageContaining("HOOKLANE_ADMIN_KEY");
    }
}
