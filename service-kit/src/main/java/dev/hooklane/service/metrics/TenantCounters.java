package dev.hooklane.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter tagged {@code tenant} and {@code outcome} for the configured tenants only
 * ({@link TenantSeries}); nothing is registered when none are configured, and counts of other
 * tenants are left out. Bind before use.
 */
public final class TenantCounters implements MeterBinder {

    private final String name;
    private final String description;
    private final List<String> outcomes;
    private final TenantSeries tenants;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param outcomes the values of the {@code outcome} tag
     */
    public TenantCounters(String name, String description, List<String> outcomes, TenantSeries tenants) {
        this.name = name;
        this.description = description;
        this.outcomes = List.copyOf(outcomes);
        this.tenants = tenants;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String tenant : tenants.tenants()) {
            for (String outcome : outcomes) {
                counters.put(tenant + "\n" + outcome, Counter.builder(name).description(description)
                        .tag("tenant", tenant).tag("outcome", outcome).register(registry));
            }
        }
    }

    /** Counts {@code amount} for {@code tenant} when it has series of its own. */
    public void increment(String tenant, String outcome, double amount) {
        Counter counter = counters.get(tenant + "\n" + outcome);
        if (counter != null) {
            counter.increment(amount);
        }
    }
}
