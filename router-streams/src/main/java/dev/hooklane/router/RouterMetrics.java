package dev.hooklane.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** What the router did: events routed, jobs emitted, fan-out per event, unreadable records. Bind before use. */
public final class RouterMetrics implements MeterBinder {

    private Counter eventsRouted;
    private Counter jobsEmitted;
    private DistributionSummary fanOut;
    private Counter poisonEvents;
    private Counter poisonSubscriptions;

    @Override
    public void bindTo(MeterRegistry registry) {
        eventsRouted = Counter.builder("webhook.router.events").description("Events routed (matched against the subscription index)")
                .register(registry);
        jobsEmitted = Counter.builder("webhook.router.jobs").description("Delivery jobs emitted").register(registry);
        fanOut = DistributionSummary.builder("webhook.router.fanout").description("Delivery jobs emitted per routed event")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 1_000, 10_000).register(registry);
        poisonEvents = Counter.builder("webhook.router.poison").description("Records that could not be read, by topic")
                .tag("topic", "events").register(registry);
        poisonSubscriptions = Counter.builder("webhook.router.poison").description("Records that could not be read, by topic")
                .tag("topic", "subscriptions").register(registry);
    }

    public void routed(int jobs) {
        eventsRouted.increment();
        jobsEmitted.increment(jobs);
        fanOut.record(jobs);
    }

    public void poisonEvent() {
        poisonEvents.increment();
    }

    public void poisonSubscription() {
        poisonSubscriptions.increment();
    }
}
