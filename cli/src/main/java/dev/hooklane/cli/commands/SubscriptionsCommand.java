package dev.hooklane.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.cli.Api;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.cli.Output;
import dev.hooklane.cli.Output.Column;
import dev.hooklane.contracts.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hooklane subscriptions ...}: the tenant's subscriptions. */
@Command(name = "subscriptions", aliases = "subs", description = "List, read, create, change, delete, rotate and test subscriptions.",
        subcommands = {SubscriptionsCommand.ListSubscriptions.class, SubscriptionsCommand.Get.class, SubscriptionsCommand.Create.class,
                SubscriptionsCommand.Update.class, SubscriptionsCommand.Delete.class, SubscriptionsCommand.Rotate.class,
                SubscriptionsCommand.Test.class}, mixinStandardHelpOptions = true)
public final class SubscriptionsCommand {

    static final List<Column> ROWS = List.of(Column.of("ID", "/id"), Column.of("NAME", "/name"), Column.of("URL", "/url"),
            Column.of("EVENT TYPES", "/eventTypes"), new Column("STATE", s -> s.path("enabled").asBoolean() ? "enabled" : "disabled"));
    static final List<Column> FIELDS = List.of(Column.of("id", "/id"), Column.of("name", "/name"), Column.of("url", "/url"),
            Column.of("eventTypes", "/eventTypes"), new Column("state", s -> s.path("enabled").asBoolean() ? "enabled"
                    : "disabled" + (s.has("disabledReason") ? " (" + s.get("disabledReason").asText() + ")" : "")),
            Column.of("format", "/format"), Column.of("description", "/description"), Column.of("filter", "/filter"),
            Column.of("headers", "/headers"), Column.of("metadata", "/metadata"), Column.of("rateLimitPerSecond", "/rateLimitPerSecond"),
            Column.of("timeoutSeconds", "/timeoutSeconds"), Column.of("createdAt", "/createdAt"), Column.of("updatedAt", "/updatedAt"),
            Column.of("secret", "/secret"));

    static String path(String id) {
        return "/v1/subscriptions/" + Api.segment(id);
    }

    @Command(name = "list", description = "The subscriptions, in id order.", mixinStandardHelpOptions = true)
    static final class ListSubscriptions implements Runnable {
        @Option(names = "--event-type", paramLabel = "TYPE", description = "only those that would receive this type") String eventType;
        @Option(names = "--state", paramLabel = "enabled|disabled", description = "only enabled or disabled ones") String state;
        @Option(names = "--limit", defaultValue = "100", description = "page size, 1 to 100 (default 100)") int limit;
        @Option(names = "--all", description = "follow the cursor through every page") boolean all;
        private final Hooklane root;

        ListSubscriptions(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            Api api = root.api();
            ArrayNode rows = Json.mapper().createArrayNode();
            String after = null;
            do {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("limit", limit);
                query.put("eventType", eventType);
                query.put("state", state);
                query.put("after", after);
                JsonNode page = api.get(Api.query("/v1/subscriptions", query));
                rows.addAll((ArrayNode) page.path("data"));
                after = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (all && after != null);
            root.output().rows(rows, ROWS);
            if (!all && after != null) {
                root.output().say("(more: --all lists every page)");
            }
        }
    }

    @Command(name = "get", description = "One subscription (never its secret).", mixinStandardHelpOptions = true)
    static final class Get implements Runnable {
        @Parameters(paramLabel = "ID") String id;
        private final Hooklane root;

        Get(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            root.output().record(root.api().get(path(id)), FIELDS);
        }
    }

    /** The fields create and update take as options; a JSON file may give them instead. */
    static final class Fields {
        @Option(names = "--url", description = "where deliveries are POSTed") String url;
        @Option(names = {"--event-type", "-t"}, paramLabel = "TYPE", description = "an exact type, a prefix pattern (report.*) or *; repeat for more")
        List<String> eventTypes;
        @Option(names = "--name") String name;
        @Option(names = "--description") String description;
        @Option(names = "--format", paramLabel = "standard|event-payload|data|cloudevents") String format;
        @Option(names = "--filter", paramLabel = "ATTRIBUTE=V1,V2", description = "a condition, e.g. data.municipalityId=m-1; repeat for more")
        List<String> filter;
        @Option(names = "--header", paramLabel = "NAME=VALUE", description = "a static header; repeat for more") List<String> headers;
        @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "a metadata pair; repeat for more") List<String> metadata;
        @Option(names = "--rate-limit", paramLabel = "PER_SECOND") Integer rateLimitPerSecond;
        @Option(names = "--timeout-seconds", paramLabel = "SECONDS") Integer timeoutSeconds;
        @Option(names = "--file", paramLabel = "FILE", description = "a JSON body instead of (or under) the options") Path file;

        ObjectNode body() {
            ObjectNode body = file == null ? Json.mapper().createObjectNode() : (ObjectNode) Inputs.json(file);
            Optional.ofNullable(url).ifPresent(v -> body.put("url", v));
            Optional.ofNullable(eventTypes).ifPresent(v -> body.set("eventTypes", Json.mapper().valueToTree(v)));
            Optional.ofNullable(name).ifPresent(v -> body.put("name", v));
            Optional.ofNullable(description).ifPresent(v -> body.put("description", v));
            Optional.ofNullable(format).ifPresent(v -> body.put("format", v));
            Optional.ofNullable(filter).ifPresent(v -> body.set("filter", Json.mapper().valueToTree(v.stream().map(Converters::condition).toList())));
            Optional.ofNullable(headers).ifPresent(v -> body.set("headers", pairs(v, "--header")));
            Optional.ofNullable(metadata).ifPresent(v -> body.set("metadata", pairs(v, "--metadata")));
            Optional.ofNullable(rateLimitPerSecond).ifPresent(v -> body.put("rateLimitPerSecond", v));
            Optional.ofNullable(timeoutSeconds).ifPresent(v -> body.put("timeoutSeconds", v));
            return body;
        }

        private static ObjectNode pairs(List<String> texts, String option) {
            ObjectNode pairs = Json.mapper().createObjectNode();
            texts.stream().map(text -> Converters.pair(text, option)).forEach(pair -> pairs.put(pair.getKey(), pair.getValue()));
            return pairs;
        }
    }

    @Command(name = "create", description = "Subscribe a URL; the secret is printed once.", mixinStandardHelpOptions = true)
    static final class Create implements Runnable {
        @Mixin Fields fields;
        @Option(names = "--secret", description = "a whsec_ secret to use instead of a generated one") String secret;
        @Option(names = "--idempotency-key", paramLabel = "KEY", description = "makes a retried create safe") String idempotencyKey;
        private final Hooklane root;

        Create(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            ObjectNode body = fields.body();
            Optional.ofNullable(secret).ifPresent(v -> body.put("secret", v));
            JsonNode created = root.api().post("/v1/subscriptions", body, Optional.ofNullable(idempotencyKey));
            root.output().record(created, FIELDS);
            root.output().say("Keep the secret: it is not shown again (hooklane subscriptions rotate makes a new one).");
        }
    }

    @Command(name = "update", description = "Change a subscription (a merge patch of the given fields).", mixinStandardHelpOptions = true)
    static final class Update implements Runnable {
        @Parameters(paramLabel = "ID") String id;
        @Mixin Fields fields;
        @Option(names = "--enable", description = "resume deliveries") boolean enable;
        @Option(names = "--disable", description = "pause deliveries") boolean disable;
        @Option(names = "--reason", description = "why it is disabled (with --disable)") String reason;
        private final Hooklane root;

        Update(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            ObjectNode body = fields.body();
            if (enable || disable) {
                body.put("enabled", enable);
                if (enable) {
                    body.putNull("disabledReason");
                } else {
                    Optional.ofNullable(reason).ifPresent(v -> body.put("disabledReason", v));
                }
            }
            root.output().record(root.api().patch(path(id), body), FIELDS);
        }
    }

    @Command(name = "delete", description = "Delete a subscription; deliveries to it stop.", mixinStandardHelpOptions = true)
    static final class Delete implements Runnable {
        @Parameters(paramLabel = "ID") String id;
        private final Hooklane root;

        Delete(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            root.api().delete(path(id));
            root.output().say("Deleted " + id + ".");
            if (root.output().format() == Output.Format.JSON) {
                root.output().json(Json.mapper().createObjectNode().put("id", id).put("deleted", true));
            }
        }
    }

    @Command(name = "rotate", description = "Rotate the signing secret; the previous one keeps signing for the overlap.", mixinStandardHelpOptions = true)
    static final class Rotate implements Runnable {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--overlap", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
                description = "how long the previous secret keeps signing, e.g. 0s or 24h (default: the platform's)") Duration overlap;
        @Option(names = "--secret", description = "the new whsec_ secret (default: a generated one)") String secret;
        private final Hooklane root;

        Rotate(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            ObjectNode body = Json.mapper().createObjectNode();
            Optional.ofNullable(overlap).ifPresent(v -> body.put("overlapSeconds", v.toSeconds()));
            Optional.ofNullable(secret).ifPresent(v -> body.put("secret", v));
            JsonNode rotated = root.api().post(path(id) + "/secret/rotate", body);
            root.output().record(rotated, List.of(Column.of("secret", "/secret"), Column.of("previousSecretsExpireAt", "/previousSecretsExpireAt")));
        }
    }

    @Command(name = "test", description = "Send a test event of a type to this subscription, through the pipeline.", mixinStandardHelpOptions = true)
    static final class Test implements Runnable {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = {"--event-type", "-t"}, required = true, paramLabel = "TYPE") String eventType;
        @Option(names = "--data", paramLabel = "JSON", description = "the event data (default: the type's first example)") String data;
        @Option(names = "--data-file", paramLabel = "FILE", description = "the event data from a file") Path dataFile;
        private final Hooklane root;

        Test(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            ObjectNode body = Json.mapper().createObjectNode().put("eventType", eventType);
            if (data != null) {
                body.set("data", Inputs.json(data, "--data"));
            } else if (dataFile != null) {
                body.set("data", Inputs.json(dataFile));
            }
            JsonNode sent = root.api().post(path(id) + "/test", body);
            root.output().record(sent, List.of(Column.of("eventId", "/eventId"), Column.of("messageId", "/messageId"), Column.of("eventType", "/eventType")));
            root.output().say("Follow it: hooklane attempts --subscription " + id + " --follow");
        }
    }
}
