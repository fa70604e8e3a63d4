package dev.hooklane.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class TenantCountersTest {

    @Test
    void shouldCountOnlyTheConfiguredTenants() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TenantSeries series = TenantSeries.from(new EnvConfig(Map.of(TenantSeries.KEY, "acme, globex")));
        TenantCounters counters = new TenantCounters("webhook.tenant.test", "test", List.of("success", "retry"), series);
        counters.bindTo(registry);

        counters.increment("acme", "success", 2);
        counters.increment("initech", "success", 5);

        assertThat(registry.get("webhook.tenant.test").tags("tenant", "acme", "outcome", "success").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("webhook.tenant.test").tags("tenant", "globex", "outcome", "retry").counter().count()).isZero();
        assertThat(registry.find("webhook.tenant.test").tag("tenant", "initech").counters()).isEmpty();
        assertThat(registry.get("webhook.tenant.test").counters()).hasSize(4);
    }

    @Test
    void shouldRegisterNothingWhenNoTenantIsConfigured() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TenantCounters counters = new TenantCounters("webhook.tenant.test", "test", List.of("success"),
                TenantSeries.from(new EnvConfig(Map.of())));
        counters.bindTo(registry);
        counters.increment("acme", "success", 1);
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void shouldRefuseMoreTenantsThanTheBoundAtStartUp() {
        String tooMany = IntStream.rangeClosed(1, TenantSeries.MAX + 1).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
        EnvConfig env = new EnvConfig(Map.of(TenantSeries.KEY, tooMany));
        TenantSeries.from(env);
        Assertions.assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class).hasMessageContaining(TenantSeries.KEY);
    }
}
