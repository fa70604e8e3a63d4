package dev.hooklane.delivery.job;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.delivery.retry.AttemptTrace;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A job as read from its topic, with what its headers carry.
 *
 * @param trigger {@code replay} or {@code recover}, for jobs sent on request
 * @param trace the results of its earlier attempts
 * @param ratePaid an older worker reserved its rate-limit slot when it deferred it; it skips the limit once
 * @param origin the record the job was read from, named on the records that end the job there
 */
public record JobContext(DeliveryJob job, Optional<String> trigger, AttemptTrace trace, boolean ratePaid, Optional<JobOrigin> origin) {

    public static JobContext of(DeliveryJob job, Headers headers, JobOrigin origin) {
        Header trigger = headers.lastHeader(JobHeaders.TRIGGER);
        return new JobContext(job, trigger == null ? Optional.empty() : Optional.of(new String(trigger.value(), StandardCharsets.UTF_8)),
                AttemptTrace.from(headers), headers.lastHeader(JobHeaders.RATE_RESERVED) != null,
                Optional.of(origin));
    }
}
