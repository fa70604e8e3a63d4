package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog of platform event types: {@code {"eventTypes": [{"name", "description", "schema",
 * "examples"}]}}, read from a file or, with {@code classpath:}, from a resource of the service.
 */
public final class CatalogFile {

    private static final String CLASSPATH = "classpath:";

    private CatalogFile() {
    }

    /** @throws IllegalStateException when the catalog cannot be read or has no {@code eventTypes} list */
    public static List<EventTypeRequest> load(String location) {
        JsonNode root;
        try (InputStream in = open(location)) {
            root = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the event type catalog " + location + ": " + e.getMessage(), e);
        }
        JsonNode types = root == null ? null : root.get("eventTypes");
        if (types == null || !types.isArray()) {
            throw new IllegalStateException("the event type catalog " + location + " needs an \"eventTypes\" list");
        }
        List<EventTypeRequest> entries = new ArrayList<>();
        for (JsonNode type : types) {
            try {
                entries.add(Json.mapper().treeToValue(type, EventTypeRequest.class));
            } catch (IOException e) {
                throw new IllegalStateException("the event type catalog " + location + " has an unreadable entry: " + e.getMessage(), e);
            }
        }
        return entries;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
            InputStream in = CatalogFile.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
