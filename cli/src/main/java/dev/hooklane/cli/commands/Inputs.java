package dev.hooklane.cli.commands;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.hooklane.cli.CliException;
import dev.hooklane.cli.ExitCodes;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JSON read from option values, files and standard input, with errors that name where it came from. */
final class Inputs {

    private Inputs() {
    }

    static JsonNode json(String text, String source) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, source + " is not JSON: " + e.getMessage());
        }
    }

    static JsonNode json(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read JSON from " + file + ": " + e.getMessage());
        }
    }

    /**
     * Every JSON value in a stream: one object, an array of objects, or one object per line
     * (newline-delimited JSON); arrays are flattened.
     */
    static List<JsonNode> values(InputStream in, String source) {
        List<JsonNode> values = new ArrayList<>();
        try (JsonParser parser = Json.mapper().getFactory().createParser(in);
             MappingIterator<JsonNode> it = Json.mapper().readValues(parser, JsonNode.class)) {
            while (it.hasNextValue()) {
                JsonNode value = it.nextValue();
                if (value.isArray()) {
                    value.forEach(values::add);
                } else {
                    values.add(value);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, source + " does not hold JSON events: " + e.getMessage());
        }
        return values;
    }

    static InputStream open(Path file, InputStream stdin) {
        if (file == null || file.toString().equals("-")) {
            return stdin;
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
