package dev.hooklane.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/kubernetes")) && Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("deploy/kubernetes");
            }
        }
        throw new IllegalStateException("deploy/kubernetes is not above " + Path.of("").toAbsolutePath());
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
