package dev.hooklane.contracts.delivery;

import java.util.Arrays;
import java.util.Optional;

/** Why a job was dead-lettered: a few fixed values, also the {@code reason} tag of the dead-letter meter. */
public enum DeadLetterCause {
    /** Its retry schedule was used up. */
    EXHAUSTED("exhausted"),
    /** The endpoint answered 410 Gone. */
    GONE("gone"),
    /** Its subscription is disabled. */
    DISABLED("disabled"),
    /** Its subscription was deleted. */
    DELETED("deleted"),
    /** A 4xx or 3xx answer that the policy does not retry. */
    CLIENT_ERROR("client_error"),
    /** Its address is refused by the SSRF policy. */
    REFUSED("refused"),
    /** It cannot be sent: no usable secret, bad URL, unknown tenant. */
    UNSENDABLE("unsendable"),
    /** Its record could not be read; the dead letter carries the record's bytes as they were. */
    UNREADABLE("unreadable"),
    /** The worker failed on it unexpectedly. */
    INTERNAL("internal");

    private final String wireName;

    DeadLetterCause(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<DeadLetterCause> fromWireName(String name) {
        return Arrays.stream(values()).filter(cause -> cause.wireName.equals(name)).findFirst();
    }
}
