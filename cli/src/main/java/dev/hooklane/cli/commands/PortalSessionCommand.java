package dev.hooklane.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.cli.Api;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.cli.Output.Column;
import dev.hooklane.contracts.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hooklane portal-session ...}: links to the customer portal. */
@Command(name = "portal-session", description = "Make, list and revoke portal sessions (links to the customer portal).",
        mixinStandardHelpOptions = true,
        subcommands = {PortalSessionCommand.Create.class, PortalSessionCommand.ListSessions.class, PortalSessionCommand.Revoke.class})
public final class PortalSessionCommand {

    static final List<Column> FIELDS = List.of(Column.of("id", "/id"), Column.of("name", "/name"), Column.of("scope", "/scope"),
            Column.of("expiresAt", "/expiresAt"), Column.of("revokedAt", "/revokedAt"), Column.of("url", "/url"));

    @Command(name = "create", description = "A session for one customer; prints the portal link (valid 1 to 24 h).", mixinStandardHelpOptions = true)
    static final class Create implements Runnable {
        @Option(names = "--name", description = "what it is for, e.g. the customer's name") String name;
        @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "the customer's subscriptions hold this pair; repeat for more")
        List<String> metadata;
        @Option(names = {"--event-type", "-t"}, paramLabel = "TYPE", description = "a type or pattern the customer may subscribe to; repeat for more")
        List<String> eventTypes;
        @Option(names = "--filter", paramLabel = "ATTRIBUTE=V1,V2", description = "a condition every subscription made in the portal gets")
        List<String> filter;
        @Option(names = "--expires-in", paramLabel = "DURATION", converter = Converters.DurationConverter.class, defaultValue = "1h",
                description = "1h to 24h (default 1h)") Duration expiresIn;
        private final Hooklane root;

        Create(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            ObjectNode scope = Json.mapper().createObjectNode();
            Optional.ofNullable(metadata).ifPresent(pairs -> {
                ObjectNode object = scope.putObject("metadata");
                pairs.stream().map(pair -> Converters.pair(pair, "--metadata")).forEach(pair -> object.put(pair.getKey(), pair.getValue()));
            });
            Optional.ofNullable(eventTypes).ifPresent(types -> scope.set("eventTypes", Json.mapper().valueToTree(types)));
            Optional.ofNullable(filter).ifPresent(f -> scope.set("filter", Json.mapper().valueToTree(f.stream().map(Converters::condition).toList())));
            ObjectNode body = Json.mapper().createObjectNode().put("expiresInSeconds", expiresIn.toSeconds());
            Optional.ofNullable(name).ifPresent(v -> body.put("name", v));
            if (!scope.isEmpty()) {
                body.set("scope", scope);
            }
            JsonNode created = root.api().post("/v1/portal-sessions", body);
            root.output().record(created, FIELDS);
        }
    }

    @Command(name = "list", description = "Sessions that have not expired, newest first.", mixinStandardHelpOptions = true)
    static final class ListSessions implements Runnable {
        private final Hooklane root;

        ListSessions(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            root.output().rows(root.api().get("/v1/portal-sessions").path("data"), List.of(Column.of("ID", "/id"), Column.of("NAME", "/name"),
                    Column.of("SCOPE", "/scope"), Column.of("EXPIRES AT", "/expiresAt"), Column.of("REVOKED AT", "/revokedAt")));
        }
    }

    @Command(name = "revoke", description = "Revoke a session: its link stops working within seconds.", mixinStandardHelpOptions = true)
    static final class Revoke implements Runnable {
        @Parameters(paramLabel = "ID") String id;
        private final Hooklane root;

        Revoke(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            root.api().delete("/v1/portal-sessions/" + Api.segment(id));
            root.output().say("Revoked " + id + ".");
        }
    }
}
