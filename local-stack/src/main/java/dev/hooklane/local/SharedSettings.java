package dev.hooklane.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code deploy/config/hooklane.env}: the settings the local stack, the compose file and the
 * Kubernetes ConfigMap share (the seed event type catalog, the retry schedule, ...). The build
 * copies the file into the local stack's jar; Compose and kustomize read it as an env file.
 */
public final class SharedSettings {

    /** Where the build puts the file on the classpath. */
    static final String RESOURCE = "/deploy-config/hooklane.env";

    private SharedSettings() {
    }

    /** Every {@code KEY=VALUE} of the file, in file order. */
    public static Map<String, String> load() {
        try (InputStream in = Objects.requireNonNull(SharedSettings.class.getResourceAsStream(RESOURCE),
                RESOURCE + " is not on the classpath: build the local stack with Maven")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an env file as Compose does for these plain lines: {@code #} comments, blank lines, {@code KEY=VALUE}. */
    public static Map<String, String> parse(InputStream in) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not a KEY=VALUE line: " + line);
            }
            settings.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return settings;
    }
}
