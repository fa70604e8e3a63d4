package dev.hooklane.service.config;

import dev.hooklane.contracts.topic.RetryTier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Typed reading of environment variables. Each getter declares the key once with its default and
 * bounds; problems are collected, and {@link #validate()} refuses them all in one line that names
 * each key, e.g. {@code HOOKLANE_HTTP_PORT must be an integer in [0, 65535], got "http"}.
 */
public final class EnvConfig {

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvConfig(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    public static EnvConfig fromSystem() {
        return new EnvConfig(System.getenv());
    }

    private String raw(String key) {
        String value = env.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String string(String key, String defaultValue) {
        String value = raw(key);
        return value == null ? defaultValue : value;
    }

    public String requiredString(String key) {
        String value = raw(key);
        if (value == null) {
            problems.add(key + " is required");
            return "";
        }
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return parse(key, defaultValue, "an integer in [" + min + ", " + max + "]", text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    public boolean bool(String key, boolean defaultValue) {
        return parse(key, defaultValue, "true or false", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        });
    }

    /** A duration in the short form {@code 500ms}, {@code 5s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        return parse(key, defaultValue, "a duration between " + RetryTier.label(min) + " and " + RetryTier.label(max) + " (e.g. 500ms, 5s, 2h)", text -> {
            Duration value = RetryTier.parseDelay(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    public List<Duration> durations(String key, List<Duration> defaultValue) {
        return parse(key, defaultValue, "a comma-separated list of durations (e.g. 5s,5m,30m)",
                text -> Arrays.stream(text.split(",")).map(String::strip).map(RetryTier::parseDelay).toList());
    }

    public List<String> list(String key, List<String> defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public URI uri(String key, URI defaultValue) {
        return parse(key, defaultValue, "an absolute URI", text -> {
            URI uri = URI.create(text);
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException();
            }
            return uri;
        });
    }

    public <E extends Enum<E>> E enumValue(String key, E defaultValue, Class<E> type) {
        String allowed = Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
        return parse(key, defaultValue, "one of " + allowed, text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    /** Every variable that starts with {@code prefix}, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    /** Records a cross-key problem found by the caller. */
    public void problem(String message) {
        problems.add(message);
    }

    /** @throws ConfigException naming every problem found so far */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration: " + String.join("; ", problems));
        }
    }

    private <T> T parse(String key, T defaultValue, String expected, Function<String, T> parser) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            problems.add(key + " must be " + expected + ", got \"" + value + "\"");
            return defaultValue;
        }
    }
}
