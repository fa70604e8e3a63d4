package dev.hooklane.subscriptions.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortalSettingsTest {

    private static PortalSettings read(Map<String, String> env) {
        EnvConfig config = new EnvConfig(env);
        PortalSettings settings = PortalSettings.from(config);
        config.validate();
        return settings;
    }

    @Test
    void shouldBeOffAndUnframedWhenNothingIsSet() {
        PortalSettings settings = read(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.frameAncestors()).isEqualTo("'none'");
        assertThat(settings.publicUrl()).isEmpty();
    }

    @Test
    void shouldReadKeysFramingAndPublicUrlWhenSet() {
        PortalSettings settings = read(Map.of("HOOKLANE_PORTAL_SIGNING_KEYS", "a".repeat(32) + ", " + "b".repeat(40),
                "HOOKLANE_PORTAL_FRAME_ANCESTORS", "'self' https://app.example.com https://*.example.com:8443",
                "HOOKLANE_PUBLIC_URL", "https://hooks.example.com"));

        assertThat(settings.signingKeys()).containsExactly("a".repeat(32), "b".repeat(40));
        assertThat(settings.frameAncestors()).isEqualTo("'self' https://app.example.com https://*.example.com:8443");
        assertThat(settings.publicUrl()).isEqualTo(Optional.of(URI.create("https://hooks.example.com")));
    }

    @Test
    void shouldRefuseShortKeysWhenTheyAreSet() {
        assertThatThrownBy(() -> read(Map.of("HOOKLANE_PORTAL_SIGNING_KEYS", "too-short"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOOKLANE_PORTAL_SIGNING_KEYS");
    }

    @Test
    void shouldRefuseFrameAncestorsThatCouldInjectAnotherDirective() {
        for (String bad : List.of("https://a.example.com; script-src *", "'none' https://a.example.com", "https://a.example.com,https://b",
                "'unsafe-inline'", "https://a.example.com\r\nX-Evil: 1")) {
            assertThat(PortalSettings.validFrameAncestors(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> read(Map.of("HOOKLANE_PORTAL_FRAME_ANCESTORS", "x; y"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOOKLANE_PORTAL_FRAME_ANCESTORS");
        assertThat(PortalSettings.validFrameAncestors("https:")).isTrue();
    }

    @Test
    void shouldRefuseAPublicUrlWhenItIsNotHttp() {
        assertThatThrownBy(() -> read(Map.of("HOOKLANE_PUBLIC_URL", "ftp://example.com"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOOKLANE_PUBLIC_URL");
    }
}
