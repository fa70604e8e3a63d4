package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RouterConfigTest {

    @Test
    void shouldDefaultToExactlyOnceAndADayOfDuplicateWindowWhenNothingIsSet() {
        EnvConfig env = new EnvConfig(Map.of());
        RouterConfig config = RouterConfig.from(env);
        env.validate();
        assertThat(config.dedupWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(20));
        Properties streams = RouterService.streamsConfig(config);
        assertThat(streams).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20L);
    }

    @Test
    void shouldReadTheDuplicateWindowAndRefuseOneOutOfBounds() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_ROUTER_DEDUP_WINDOW", "2h"));
        assertThat(RouterConfig.from(env).dedupWindow()).isEqualTo(Duration.ofHours(2));
        env.validate();

        EnvConfig bad = new EnvConfig(Map.of("HOOKLANE_ROUTER_DEDUP_WINDOW", "5s"));
        RouterConfig.from(bad);
        assertThatThrownBy(bad::validate).isInstanceOf(ConfigException.class).hasMessageContaining("HOOKLANE_ROUTER_DEDUP_WINDOW");
    }
}
