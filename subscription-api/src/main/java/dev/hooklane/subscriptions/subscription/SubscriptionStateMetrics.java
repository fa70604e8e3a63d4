package dev.hooklane.subscriptions.subscription;

import dev.hooklane.contracts.subscription.Subscription;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Subscriptions in the table by state ({@code enabled}, {@code disabled}), counted at scrape time
 * over the in-memory view: a rising disabled count means endpoints answered 410 or kept failing.
 */
public final class SubscriptionStateMetrics implements MeterBinder {

    private final Supplier<? extends Collection<Subscription>> subscriptions;

    public SubscriptionStateMetrics(Supplier<? extends Collection<Subscription>> subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        state(registry, "enabled", true);
        state(registry, "disabled", false);
    }

    private void state(MeterRegistry registry, String state, boolean enabled) {
        Gauge.builder("webhook.subscriptions", () -> subscriptions.get().stream().filter(s -> s.enabled() == enabled).count())
                .description("Subscriptions known to the platform, by state")
                .tag("state", state).register(registry);
    }
}
