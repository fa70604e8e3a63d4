package dev.hooklane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a command prints: a table for people (the default), or the API's JSON with
 * {@code --output json} for scripts.
 */
public final class Output {

    /** The two forms. */
    public enum Format { TABLE, JSON }

    /** One column: a heading and how to read a cell from a row. */
    public record Column(String heading, Function<JsonNode, String> cell) {
        /** A column of the text at a JSON pointer, e.g. {@code /id}. */
        public static Column of(String heading, String pointer) {
            return new Column(heading, row -> text(row.at(pointer)));
        }
    }

    private static final int MAX_CELL = 60;
    private final PrintWriter out;
    private final Format format;

    public Output(PrintWriter out, Format format) {
        this.out = out;
        this.format = format;
    }

    public Format format() {
        return format;
    }

    /** Rows as a table, or the JSON array as it is. */
    public void rows(JsonNode rows, List<Column> columns) {
        if (format == Format.JSON) {
            json(rows);
            return;
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::heading).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(column -> shorten(column.cell().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    /** One object as {@code field  value} lines, or its JSON. */
    public void record(JsonNode object, List<Column> fields) {
        if (format == Format.JSON) {
            json(object);
            return;
        }
        int width = fields.stream().mapToInt(field -> field.heading().length()).max().orElse(0);
        for (Column field : fields) {
            String value = field.cell().apply(object);
            if (!value.isEmpty()) {
                out.println(String.format("%-" + width + "s  %s", field.heading(), value));
            }
        }
        out.flush();
    }

    /** A sentence for people; nothing in JSON mode, where {@code json} carries the answer. */
    public void say(String message) {
        if (format == Format.TABLE) {
            out.println(message);
            out.flush();
        }
    }

    /** The value as indented JSON (in table mode too, for values that are JSON by nature: schemas, samples). */
    public void json(JsonNode value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be printed as JSON", e);
        }
    }

    /** One JSON value on one line, for streams (attempts --follow). */
    public void jsonLine(JsonNode value) {
        out.println(value.toString());
        out.flush();
    }

    /** A cell's text: strings as they are, arrays joined with commas, objects as compact JSON, nothing for missing values. */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(text(element)));
            return String.join(",", parts);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String shorten(String cell) {
        String line = cell.replaceAll("\\s+", " ");
        return line.length() > MAX_CELL ? line.substring(0, MAX_CELL - 1) + "…" : line;
    }
}
