package dev.hooklane.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hooklane.cli.CliException;
import dev.hooklane.cli.ExitCodes;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.cli.Output.Column;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hooklane events send}: events to the ingest service. */
@Command(name = "events", description = "Send events to the ingest service.", mixinStandardHelpOptions = true,
        subcommands = EventsCommand.Send.class)
public final class EventsCommand {

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Send events from files or standard input: one JSON event, an array, or one event per line.",
                    "Each event is {\"type\", \"data\"} with optional id, source, subject, time and callbackUrl."})
    static final class Send implements Runnable {
        @Parameters(paramLabel = "FILE", arity = "0..*", description = "files of events; - or none reads standard input") List<Path> files;
        @Option(names = "--batch", defaultValue = "500", description = "events per request, 1 to 500 (default 500)") int batch;
        private final Hooklane root;

        Send(Hooklane root) {
            this.root = root;
        }

        @Override
        public void run() {
            if (batch < 1 || batch > 500) {
                throw new CliException(ExitCodes.USAGE, "--batch must be from 1 to 500");
            }
            List<JsonNode> events = new ArrayList<>();
            for (Path file : files == null || files.isEmpty() ? List.of(Path.of("-")) : files) {
                try (InputStream in = Inputs.open(file, root.in())) {
                    events.addAll(Inputs.values(in, file.toString().equals("-") ? "standard input" : file.toString()));
                } catch (IOException e) {
                    throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
                }
            }
            if (events.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "no events to send");
            }
            ArrayNode accepted = Json.mapper().createArrayNode();
            for (int from = 0; from < events.size(); from += batch) {
                List<JsonNode> chunk = events.subList(from, Math.min(events.size(), from + batch));
                JsonNode answer;
                try {
                    answer = root.ingest().post("/v1/events", chunk.size() == 1 ? chunk.get(0) : Json.mapper().valueToTree(chunk));
                } catch (CliException e) {
                    if (accepted.isEmpty()) {
                        throw e;
                    }
                    root.output().rows(accepted, List.of(Column.of("ACCEPTED EVENT ID", "/id")));
                    throw new CliException(e.exitCode(), "the " + accepted.size() + " events above were accepted; event " + (from + 1)
                            + " and the ones after it were not: " + e.getMessage());
                }
                if (answer.has("accepted")) {
                    accepted.addAll((ArrayNode) answer.get("accepted"));
                } else {
                    accepted.add(Json.mapper().createObjectNode().put("id", answer.path("id").asText()));
                }
            }
            root.output().rows(accepted, List.of(Column.of("ACCEPTED EVENT ID", "/id")));
        }
    }
}
