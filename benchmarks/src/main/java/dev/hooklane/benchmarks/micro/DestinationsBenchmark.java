package dev.hooklane.benchmarks.micro;

import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.delivery.destination.Destinations;
import dev.hooklane.delivery.endpoint.EndpointLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Where one job goes, resolved at attempt time from its (unchanged) subscription: done once per attempt. */
@State(Scope.Thread)
public class DestinationsBenchmark {

    private final DeliveryJob job = new JobRecords(1).job(0);
    private final Subscription subscription = Subscription.create(job.subscriptionId().orElseThrow(), job.tenant(),
            "https://hooks.example.com/webhooks/acme?our-reference=1232323", List.of(job.eventType()), WebhookSecret.generate().encoded(),
            Instant.parse("2026-01-01T00:00:00Z"));
    private final Instant now = Instant.parse("2026-11-23T14:00:00Z");
    private final Destinations destinations = new Destinations(new Destinations.Table<>(id -> Optional.of(subscription), () -> now),
            new Destinations.Table<>(tenant -> Optional.empty(), () -> now), Duration.ofSeconds(15), new EndpointLimits(20, 1000), Duration.ZERO);

    @Benchmark
    public Destinations.Resolution resolve() {
        return destinations.resolve(job, now);
    }
}
