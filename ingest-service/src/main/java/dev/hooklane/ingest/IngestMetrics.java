package dev.hooklane.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.hooklane.service.metrics.TenantCounters;
import dev.hooklane.service.metrics.TenantSeries;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Events by outcome ({@code accepted}: acknowledged by Kafka and answered 202; {@code unavailable}:
 * answered 503 because Kafka did not acknowledge in time), and requests refused by reason; accepted
 * events of the configured tenants also per tenant. Bind before use.
 */
public final class IngestMetrics implements MeterBinder {

    /** Why a request was refused; the tag values of {@code webhook.ingest.requests.refused}. */
    public enum Refusal { INVALID, TOO_LARGE, UNSUPPORTED, UNAVAILABLE }

    private Counter accepted;
    private Counter unavailable;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final TenantCounters byTenant;

    public IngestMetrics(TenantSeries tenants) {
        this.byTenant = new TenantCounters("webhook.tenant.ingest.events",
                "Events accepted from each tenant configured in HOOKLANE_METRICS_TENANTS", List.of("accepted"), tenants);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        byTenant.bindTo(registry);
        accepted = events(registry, "accepted");
        unavailable = events(registry, "unavailable");
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("webhook.ingest.requests.refused")
                    .description("Requests to the ingest service refused, by reason; nothing of an invalid, too large or unsupported request was stored")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("webhook.ingest.events")
                .description("Events posted in well-formed requests, by outcome: accepted (acknowledged by Kafka, 202) or unavailable (503)")
                .tag("outcome", outcome).register(registry);
    }

    void accepted(String tenant, int events) {
        accepted.increment(events);
        byTenant.increment(tenant, "accepted", events);
    }

    void unavailable(int events) {
        unavailable.increment(events);
        refused.get(Refusal.UNAVAILABLE).increment();
    }

    void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
