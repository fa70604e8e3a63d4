package dev.hooklane.subscriptions.portal;

import dev.hooklane.service.config.EnvConfig;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customer portal's settings.
 *
 * @param signingKeys {@code HOOKLANE_PORTAL_SIGNING_KEYS}: comma-separated keys of at least 32 characters that sign
 *     portal session tokens; the first signs new tokens and every one verifies, so a key is rotated by putting a new one
 *     first and dropping the old one a day later. Every instance must have the same keys. Empty turns portal sessions off
 * @param frameAncestors {@code HOOKLANE_PORTAL_FRAME_ANCESTORS}: the Content-Security-Policy {@code frame-ancestors}
 *     sources allowed to embed the portal in a frame, e.g. {@code https://app.example.com https://*.example.com};
 *     default {@code 'none'} (no framing)
 * @param publicUrl {@code HOOKLANE_PUBLIC_URL}: the API's address as browsers reach it, for the portal links; unset takes
 *     the scheme and host of the request that made the session
 */
public record PortalSettings(List<String> signingKeys, String frameAncestors, Optional<URI> publicUrl) {

    /** Shortest signing key: 32 characters, 256 bits for HMAC-SHA256. */
    public static final int MIN_KEY_LENGTH = 32;
    /** No framing at all. */
    public static final String NO_FRAMING = "'none'";
    private static final Pattern SOURCE = Pattern.compile(
            "'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?(\\*\\.)?[A-Za-z0-9.-]+(:(\\d{1,5}|\\*))?(/[A-Za-z0-9._~/-]*)?");

    public PortalSettings {
        signingKeys = List.copyOf(signingKeys);
        Objects.requireNonNull(frameAncestors, "frameAncestors");
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
    }

    /** Portal sessions off, no framing. */
    public static PortalSettings off() {
        return new PortalSettings(List.of(), NO_FRAMING, Optional.empty());
    }

    /** Portal sessions signed with {@code key}, no framing. */
    public static PortalSettings withKey(String key) {
        return new PortalSettings(List.of(key), NO_FRAMING, Optional.empty());
    }

    public boolean enabled() {
        return !signingKeys.isEmpty();
    }

    public static PortalSettings from(EnvConfig env) {
        List<String> keys = env.list("HOOKLANE_PORTAL_SIGNING_KEYS", List.of());
        if (keys.stream().anyMatch(key -> key.length() < MIN_KEY_LENGTH)) {
            env.problem("HOOKLANE_PORTAL_SIGNING_KEYS must hold keys of at least " + MIN_KEY_LENGTH + " characters each");
        }
        String ancestors = env.string("HOOKLANE_PORTAL_FRAME_ANCESTORS", NO_FRAMING).strip();
        if (!validFrameAncestors(ancestors)) {
            env.problem("HOOKLANE_PORTAL_FRAME_ANCESTORS must be 'none', or space-separated sources such as 'self' https://app.example.com");
        }
        URI publicUrl = env.uri("HOOKLANE_PUBLIC_URL", null);
        if (publicUrl != null && !List.of("http", "https").contains(String.valueOf(publicUrl.getScheme()))) {
            env.problem("HOOKLANE_PUBLIC_URL must be an http or https URL");
        }
        return new PortalSettings(keys, ancestors, Optional.ofNullable(publicUrl));
    }

    /** True for {@code 'none'} alone, or a list of CSP sources; nothing that could end the header's directive. */
    static boolean validFrameAncestors(String value) {
        List<String> sources = List.of(value.strip().split("\\s+"));
        if (value.isBlank() || sources.stream().anyMatch(source -> !SOURCE.matcher(source).matches())) {
            return false;
        }
        return !sources.contains(NO_FRAMING) || sources.size() == 1;
    }
}
