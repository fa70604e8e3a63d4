package dev.hooklane.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.local.LocalStack;
import dev.hooklane.local.LocalStackMain;
import dev.hooklane.local.SharedSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment each way of running gives each service, by the names compose and Kubernetes
 * use: bin/run's local stack (as {@link LocalStackMain} builds it), the compose file (its
 * {@code env_file} then {@code environment}) and the Kubernetes Deployments (their ConfigMaps, then
 * {@code env}; a value from a Secret reads as {@code <secret name/key>}).
 */
final class DeploymentEnvironments {

    static final Path COMPOSE_FILE = Manifests.directory().resolveSibling("compose").resolve("docker-compose.yml");
    static final String ADMIN_KEY_PLACEHOLDER = "<the admin key>";

    private DeploymentEnvironments() {
    }

    static Map<String, Map<String, String>> localStack() {
        return LocalStack.environments(LocalStackMain.options("localhost:9092", ADMIN_KEY_PLACEHOLDER, Path.of(".hooklane")));
    }

    static Map<String, Map<String, String>> compose() {
        Map<String, Object> services = map(composeFile().get("services"));
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            Map<String, Object> definition = map(services.get(service));
            Map<String, String> env = new LinkedHashMap<>();
            for (String file : envFiles(definition.get("env_file"))) {
                env.putAll(envFile(COMPOSE_FILE.resolveSibling(file).normalize()));
            }
            map(definition.get("environment")).forEach((key, value) -> env.put(key, String.valueOf(value)));
            environments.put(service, env);
        }
        return environments;
    }

    static Map<String, Map<String, String>> kubernetes() {
        Map<String, JsonNode> configMaps = new LinkedHashMap<>();
        Manifests.documents().stream().filter(doc -> doc.kind().equals("ConfigMap")).forEach(doc -> configMaps.put(doc.name(), doc.node()));
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            JsonNode container = Manifests.documents().stream()
                    .filter(doc -> doc.kind().equals("Deployment") && doc.name().equals(service)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Deployment " + service)).node().at("/spec/template/spec/containers/0");
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode source : container.path("envFrom")) {
                if (source.has("configMapRef")) {
                    JsonNode configMap = configMaps.get(source.at("/configMapRef/name").asText());
                    configMap.path("data").properties().forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
                }
            }
            for (JsonNode variable : container.path("env")) {
                env.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText()
                        : "<secret " + variable.at("/valueFrom/secretKeyRef/name").asText() + "/" + variable.at("/valueFrom/secretKeyRef/key").asText() + ">");
            }
            environments.put(service, env);
        }
        return environments;
    }

    /** The compose file's image of each service. */
    static Map<String, String> composeImages() {
        Map<String, Object> services = map(composeFile().get("services"));
        Map<String, String> images = new LinkedHashMap<>();
        LocalStack.SERVICES.forEach(service -> images.put(service, String.valueOf(map(services.get(service)).get("image"))));
        return images;
    }

    static Map<String, Object> composeFile() {
        try {
            return new Yaml().load(Files.readString(COMPOSE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> envFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return SharedSettings.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> envFiles(Object value) {
        List<String> files = new ArrayList<>();
        if (value instanceof String file) {
            files.add(file);
        } else if (value instanceof List<?> list) {
            list.forEach(file -> files.add(String.valueOf(file)));
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }
}
