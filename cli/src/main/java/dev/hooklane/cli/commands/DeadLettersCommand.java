package dev.hooklane.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hooklane.cli.Api;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.cli.Output.Column;
import dev.hooklane.contracts.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hooklane dead-letters ...}: a subscription's dead letters, and sending them again. */
@Command(name = "dead-letters", description = "List a subscription's dead letters and replay them.", mixinStandardHelpOptions = true,
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class})
public final class DeadLettersCommand {

    static final List<Column> REPLAYED = List.of(Column.of("SENT", "/sent"), Column.of("SCANNED", "/scanned"), Column.of("COMPLETE", "/complete"),
            Column.of("DETAIL", "/detail"));

    @Command(name = "list", description = "Dead letters in a time range (default: the last 31 days), oldest first.", mixinStandardHelpOptions = true)
    static final class ListLetters implements Runnable {
        @Option(names = "--subscription", required = true, paramLabel = "ID") String subscription;
        @Option(names = "--from", paramLabel = "INSTANT|AGO", description = "e.g. 2025-11-23T10:00:00Z or 2h") String from;
        @Option(names = "--to", paramLabel = "INSTANT|AGO") String to;
        @Option(names = "--limit", description = "1 to 100 (default 100)") Integer limit;
        private final Hooklane root;

        ListLetters(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("from", from == null ? null : Converters.instant(from, root.clock()));
            query.put("to", to == null ? null : Converters.instant(to, root.clock()));
            query.put("limit", limit);
            JsonNode letters = root.api().get(Api.query(SubscriptionsCommand.path(subscription) + "/dead-letters", query)).path("data");
            root.output().rows(letters, List.of(Column.of("DEAD AT", "/deadAt"), Column.of("MESSAGE", "/jobId"), Column.of("EVENT TYPE", "/eventType"),
                    Column.of("ATTEMPTS", "/attempts"), Column.of("LAST STATUS", "/lastStatusCode"), Column.of("REASON", "/reason")));
        }
    }

    /** One or more messages, or a time range. */
    static final class Which {
        @Parameters(paramLabel = "MESSAGE_ID", arity = "1..*", description = "dead letters to replay (their webhook-id)") List<String> jobIds;
        @ArgGroup(exclusive = false) Range range;
    }

    /** Every dead letter of a range. */
    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "INSTANT|AGO") String from;
        @Option(names = "--to", paramLabel = "INSTANT|AGO", description = "default: now") String to;
    }

    @Command(name = "replay", description = "Send dead letters again: given ones, or all of a range (--from, --to).", mixinStandardHelpOptions = true)
    static final class Replay implements Runnable {
        @Option(names = "--subscription", required = true, paramLabel = "ID") String subscription;
        @ArgGroup(multiplicity = "1") Which which;
        private final Hooklane root;

        Replay(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            Api api = root.api();
            String base = SubscriptionsCommand.path(subscription);
            ArrayNode answers = Json.mapper().createArrayNode();
            if (which.range != null) {
                answers.add(api.post(base + "/replay", RecoverCommand.range(which.range.from, which.range.to, root.clock())));
            } else {
                for (String jobId : which.jobIds) {
                    answers.add(api.post(base + "/dead-letters/" + Api.segment(jobId) + "/replay", null));
                }
            }
            root.output().rows(answers, REPLAYED);
        }
    }
}
