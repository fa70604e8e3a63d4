package dev.hooklane.service.metrics;

import dev.hooklane.service.config.EnvConfig;
import java.util.List;
import java.util.Set;

/**
 * The tenants that get series of their own ({@code HOOKLANE_METRICS_TENANTS}, comma-separated;
 * none by default). The list is the bound: at most {@link #MAX} tenants, so the number of series
 * stays fixed whatever the traffic; every other tenant is counted only in the untagged meters.
 */
public record TenantSeries(Set<String> tenants) {

    /** The configuration key. */
    public static final String KEY = "HOOKLANE_METRICS_TENANTS";
    /** The most tenants that may have series of their own. */
    public static final int MAX = 50;

    public TenantSeries {
        tenants = Set.copyOf(tenants);
        if (tenants.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " tenants may have series of their own, not " + tenants.size());
        }
    }

    public static TenantSeries none() {
        return new TenantSeries(Set.of());
    }

    public static TenantSeries from(EnvConfig env) {
        List<String> tenants = env.list(KEY, List.of()).stream().map(String::strip).filter(tenant -> !tenant.isEmpty()).distinct().toList();
        if (tenants.size() > MAX) {
            env.problem(KEY + " names " + tenants.size() + " tenants; at most " + MAX + " may have series of their own");
            return none();
        }
        return new TenantSeries(Set.copyOf(tenants));
    }

    public boolean includes(String tenant) {
        return tenants.contains(tenant);
    }
}
