package dev.hooklane.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hooklane.local.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The YAML documents of deploy/kubernetes, each with the file it came from. */
final class Manifests {

    record Document(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String apiVersion() {
            return node.path("apiVersion").asText();
        }

        String name() {
            return node.at("/metadata/name").asText();
        }

        @Override
        public String toString() {
            return file.getFileName() + ": " + kind() + " " + name();
        }
    }

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    static Path directory() {
        return RepositoryRoot.path().resolve("deploy/kubernetes");
    }

    /**
     * Fails when {@code file} differs from {@code expected}, what {@code source} generates; with
     * {@code -Dhooklane.rewrite-manifests=true} it writes {@code expected} to the file first.
     */
    static void assertGenerated(Path file, String expected, Object source) {
        try {
            if (Boolean.getBoolean("hooklane.rewrite-manifests")) {
                Files.writeString(file, expected);
            }
            org.assertj.core.api.Assertions.assertThat(Files.readString(file))
                    .as("%s differs from %s; rewrite it with -Dhooklane.rewrite-manifests=true (see its header)", file, source)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.walk(directory())) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of every file; a file that does not parse fails with its name. */
    static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (Path file : files()) {
            try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (parsed.hasNextValue()) {
                    JsonNode node = parsed.nextValue();
                    if (node != null && !node.isNull() && !node.isEmpty()) {
                        documents.add(new Document(file, node));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
            }
        }
        return documents;
    }
}
