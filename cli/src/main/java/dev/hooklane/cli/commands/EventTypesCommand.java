package dev.hooklane.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.cli.Api;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.cli.Output;
import dev.hooklane.cli.Output.Column;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hooklane event-types ...}: the catalog the tenant sees. */
@Command(name = "event-types", description = "The event type catalog: list, read, and sample payloads.", mixinStandardHelpOptions = true,
        subcommands = {EventTypesCommand.ListTypes.class, EventTypesCommand.Get.class, EventTypesCommand.Samples.class})
public final class EventTypesCommand {

    @Command(name = "list", description = "The platform's types and the tenant's own.", mixinStandardHelpOptions = true)
    static final class ListTypes implements Runnable {
        @Option(names = "--include-archived") boolean archived;
        private final Hooklane root;

        ListTypes(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            JsonNode types = root.api().get(Api.query("/v1/event-types", Map.of("includeArchived", archived))).path("data");
            root.output().rows(types, List.of(Column.of("NAME", "/name"), Column.of("SCOPE", "/scope"),
                    new Column("SCHEMA", t -> t.has("schema") ? "yes" : ""), new Column("EXAMPLES", t -> String.valueOf(t.path("examples").size())),
                    Column.of("DESCRIPTION", "/description")));
        }
    }

    @Command(name = "get", description = "One type with its schema and examples.", mixinStandardHelpOptions = true)
    static final class Get implements Runnable {
        @Parameters(paramLabel = "NAME") String name;
        private final Hooklane root;

        Get(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            JsonNode type = root.api().get("/v1/event-types/" + Api.segment(name));
            Output output = root.output();
            output.record(type, List.of(Column.of("name", "/name"), Column.of("scope", "/scope"), Column.of("description", "/description"),
                    Column.of("archived", "/archived"), Column.of("createdAt", "/createdAt"), Column.of("updatedAt", "/updatedAt")));
            if (output.format() == Output.Format.TABLE && type.has("schema")) {
                output.say("schema:");
                output.json(type.get("schema"));
            }
        }
    }

    @Command(name = "samples", description = "Sample payloads of a type: its examples, else recent real events of the tenant.",
            mixinStandardHelpOptions = true)
    static final class Samples implements Runnable {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--limit", defaultValue = "3", description = "1 to 10 (default 3)") int limit;
        private final Hooklane root;

        Samples(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            JsonNode samples = root.api().get(Api.query("/v1/event-types/" + Api.segment(name) + "/samples", Map.of("limit", limit)));
            Output output = root.output();
            if (output.format() == Output.Format.JSON) {
                output.json(samples);
                return;
            }
            output.say("source: " + samples.path("source").asText());
            samples.path("data").forEach(output::json);
        }
    }
}
