package dev.hooklane.contracts.delivery;

/**
 * Kafka record headers that travel with delivery jobs between topics. The job itself stays the
 * record value; headers carry what only the platform's own services read.
 */
public final class JobHeaders {

    /** Why a job exists beyond routing: {@value #REPLAY} or {@value #RECOVER}; absent for routed jobs. */
    public static final String TRIGGER = "hooklane.trigger";
    /** A dead-lettered job sent again on request. */
    public static final String REPLAY = "replay";
    /** An event of the past delivered again (or for the first time) on request. */
    public static final String RECOVER = "recover";

    /** The job's due time in epoch milliseconds, so a consumer can hold it without reading the value. */
    public static final String DUE_AT = "hooklane.due-at";
    /** The results of the job's earlier attempts, {@code 1:503,2:timeout}, for the dead letter's summary. */
    public static final String ATTEMPTS = "hooklane.attempts";
    /** When the job's first attempt started, in epoch milliseconds. */
    public static final String FIRST_ATTEMPT_AT = "hooklane.first-attempt-at";
    /**
     * On a record that ends a job's stay in a topic (the attempt record of a success, the job in its
     * next tier, its dead letter): the job record it ends, {@code topic:partition:offset}. A worker
     * that takes a partition over skips the records its last owner ended after its last commit.
     */
    public static final String ORIGIN = "hooklane.origin";
    /** Set by workers before 0.2 on a job deferred by a rate limit: its send slot is already paid for. Read, no longer written. */
    public static final String RATE_RESERVED = "hooklane.rate-reserved";

    private JobHeaders() {
    }
}
