package dev.hooklane.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.cli.Api;
import dev.hooklane.cli.CliException;
import dev.hooklane.cli.ExitCodes;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.cli.Output;
import dev.hooklane.cli.Output.Column;
import dev.hooklane.contracts.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hooklane attempts}: the delivery attempts of a subscription or an event, and a tail of new ones. */
@Command(name = "attempts", mixinStandardHelpOptions = true,
        description = {"Delivery attempts of a subscription or of an event, oldest first.",
                "With --follow, keeps printing new attempts as they are made, until interrupted (Ctrl-C)."})
public final class AttemptsCommand implements Runnable {

    static final List<Column> COLUMNS = List.of(Column.of("TIME", "/attemptedAt"), Column.of("MESSAGE", "/jobId"), Column.of("EVENT", "/eventId"),
            Column.of("#", "/attempt"), Column.of("OUTCOME", "/outcome"), Column.of("STATUS", "/statusCode"),
            new Column("DURATION", a -> a.path("durationMillis").asText() + " ms"),
            new Column("RESPONSE", a -> Output.text(a.has("error") ? a.get("error") : a.get("responseExcerpt"))));

    /** Exactly one of the two. */
    static final class Target {
        @Option(names = "--subscription", paramLabel = "ID", required = true) String subscription;
        @Option(names = "--event", paramLabel = "EVENT_ID", required = true) String event;
    }

    @ArgGroup(multiplicity = "1") Target target;
    @Option(names = "--limit", defaultValue = "20", description = "how many of the newest attempts to show first, 1 to 100 (default 20)") int limit;
    @Option(names = {"-f", "--follow"}, description = "keep printing new attempts") boolean follow;
    @Option(names = "--interval", defaultValue = "2s", converter = Converters.DurationConverter.class,
            description = "how often --follow asks (default 2s)") Duration interval;
    private final Hooklane root;

    AttemptsCommand(Hooklane root) {
        this.root = root;
    }

    @Override
    public void run() {
        Api api = root.api();
        String path = (target.subscription != null ? "/v1/subscriptions/" + Api.segment(target.subscription) : "/v1/events/" + Api.segment(target.event))
                + "/attempts";
        List<JsonNode> first = follow ? newestFirstOrNone(api, path) : newestFirst(api, path);
        Output output = root.output();
        if (!follow) {
            List<JsonNode> oldestFirst = new ArrayList<>(first);
            Collections.reverse(oldestFirst);
            output.rows(Json.mapper().valueToTree(oldestFirst), COLUMNS);
            return;
        }
        Set<String> seen = new HashSet<>();
        print(first, seen, output, true);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            print(newestFirstOrNone(api, path), seen, output, false);
        }
    }

    private List<JsonNode> newestFirst(Api api, String path) {
        List<JsonNode> attempts = new ArrayList<>();
        api.get(Api.query(path, Map.of("limit", limit))).path("data").forEach(attempts::add);
        return attempts;
    }

    /** An event has no attempts before its first one: while following, that 404 means "none yet". */
    private List<JsonNode> newestFirstOrNone(Api api, String path) {
        try {
            return newestFirst(api, path);
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.REFUSED && target.event != null) {
                return List.of();
            }
            throw e;
        }
    }

    /** Prints the attempts not printed yet, oldest first: a table header once, then one line (or one JSON object) each. */
    private static void print(List<JsonNode> newestFirst, Set<String> seen, Output output, boolean header) {
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode attempt : newestFirst) {
            if (seen.add(attempt.path("jobId").asText() + "/" + attempt.path("attempt").asText() + "/" + attempt.path("attemptedAt").asText())) {
                fresh.add(0, attempt);
            }
        }
        if (output.format() == Output.Format.JSON) {
            fresh.forEach(output::jsonLine);
        } else {
            if (header) {
                output.say(String.join("  ", COLUMNS.stream().map(Column::heading).toList()));
            }
            fresh.forEach(attempt -> output.say(String.join("  ", COLUMNS.stream().map(column -> column.cell().apply(attempt)).toList())));
        }
    }
}
