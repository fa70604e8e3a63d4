package dev.hooklane.cli.commands;

import dev.hooklane.cli.Hooklane;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hooklane recover}: send a subscription the events the platform received in a range. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Send a subscription the matching events the platform received in a time range.",
                "The range spans at most 31 days. Use it after an endpoint lost data, or to give a new subscription some history."})
public final class RecoverCommand implements Runnable {

    @Option(names = "--subscription", required = true, paramLabel = "ID") String subscription;
    @Option(names = "--from", required = true, paramLabel = "INSTANT|AGO", description = "e.g. 2025-11-23T10:00:00Z or 6h") String from;
    @Option(names = "--to", paramLabel = "INSTANT|AGO", description = "default: now") String to;
    private final Hooklane root;

    RecoverCommand(Hooklane root) {
        this.root = root;
    }

    static Map<String, Object> range(String from, String to, Clock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", Converters.instant(from, clock).toString());
        body.put("to", (to == null ? clock.instant() : Converters.instant(to, clock)).toString());
        return body;
    }

    @Override
    public void run() {
        var answer = root.api().post(SubscriptionsCommand.path(subscription) + "/recover", range(from, to, root.clock()));
        root.output().rows(dev.hooklane.contracts.json.Json.mapper().createArrayNode().add(answer), DeadLettersCommand.REPLAYED);
    }
}
