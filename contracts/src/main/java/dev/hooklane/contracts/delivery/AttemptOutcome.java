package dev.hooklane.contracts.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What became of a delivery attempt. */
public enum AttemptOutcome {
    /** The receiver answered 2xx. */
    SUCCESS("success"),
    /** It failed and the job went to a retry tier. */
    RETRY("retry"),
    /** It failed for good and the job went to the dead-letter topic. */
    DLQ("dlq"),
    /** No request was sent (subscription disabled or deleted, circuit open, address refused). */
    SKIPPED("skipped");

    private final String wireName;

    AttemptOutcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AttemptOutcome fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown attempt outcome " + name));
    }
}
