package dev.hooklane.contracts.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.io.Serial;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Reads instants in the form every wire record writes them ({@code 2026-11-23T14:02:19.123456Z}:
 * UTC, 0 to 9 fraction digits) without {@code DateTimeFormatter}, whose instant parser builds a
 * new formatter on every call: it was about half the cost of reading a delivery job, which the
 * worker does for every attempt. Anything else (offsets, numbers, four-digit-plus years, bad
 * text) goes to Jackson's own {@link InstantDeserializer}, so what is accepted or refused is
 * unchanged.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    UtcInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Optional<Instant> fast = parseUtc(parser.getText());
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; empty for any other text, including impossible dates. */
    static Optional<Instant> parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            int fraction = digits(text, 20, fractionDigits);
            if (text.charAt(19) != '.' || fraction < 0) {
                return Optional.empty();
            }
            nanos = fraction * NANOS_PER_DIGIT[fractionDigits - 1];
        }
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Optional.of(Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The decimal number of {@code count} digits at {@code start}; -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
