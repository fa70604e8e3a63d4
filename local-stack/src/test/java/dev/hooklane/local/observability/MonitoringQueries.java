package dev.hooklane.local.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The PromQL expressions of deploy/: every dashboard panel's queries and every alert rule. */
final class MonitoringQueries {

    /** One expression and where it is, for messages. */
    record Query(String where, String expression) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MonitoringQueries() {
    }

    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(RepositoryFiles.deploy("grafana/dashboards"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not JSON: " + e.getMessage(), e);
        }
    }

    static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            for (JsonNode panel : dashboard(file).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(file.getFileName() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    static List<Query> alertQueries() {
        List<Query> queries = new ArrayList<>();
        try {
            for (JsonNode group : YAML.readTree(RepositoryFiles.deploy("prometheus/alerts.yml").toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    queries.add(new Query("alerts.yml / " + rule.path("alert").asText(rule.path("record").asText()), rule.path("expr").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }
}
