package dev.hooklane.router;

import dev.hooklane.contracts.matching.MatchVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What the router did: events routed, jobs emitted by target ({@code subscription} or
 * {@code callback}), fan-out per event, duplicates dropped, unreadable records by topic, filter
 * expressions that failed. Bind before use.
 */
public final class RouterMetrics implements MeterBinder {

    private Counter eventsRouted;
    private Counter subscriptionJobs;
    private Counter callbackJobs;
    private DistributionSummary fanOut;
    private Counter duplicates;
    private Counter poisonEvents;
    private Counter poisonSubscriptions;
    private Counter filterErrors;
    private Counter filterCostExceeded;

    @Override
    public void bindTo(MeterRegistry registry) {
        eventsRouted = Counter.builder("webhook.router.events").description("Events routed (matched against the subscription index)")
                .register(registry);
        subscriptionJobs = jobs(registry, "subscription");
        callbackJobs = jobs(registry, "callback");
        fanOut = DistributionSummary.builder("webhook.router.fanout").description("Delivery jobs emitted per routed event")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 1_000, 10_000).register(registry);
        duplicates = Counter.builder("webhook.router.duplicates")
                .description("Events dropped because their tenant and id were already routed within the duplicate window").register(registry);
        poisonEvents = poison(registry, "events");
        poisonSubscriptions = poison(registry, "subscriptions");
        filterErrors = filterFailures(registry, "error");
        filterCostExceeded = filterFailures(registry, "cost");
    }

    private static Counter filterFailures(MeterRegistry registry, String reason) {
        return Counter.builder("webhook.router.filter.failures")
                .description("Filter expressions that could not be evaluated (error) or went over their cost limit (cost); "
                        + "the event was not delivered to that subscription")
                .tag("reason", reason).register(registry);
    }

    private static Counter jobs(MeterRegistry registry, String target) {
        return Counter.builder("webhook.router.jobs").description("Delivery jobs emitted, by target (a subscription or the event's own callback URL)")
                .tag("target", target).register(registry);
    }

    private static Counter poison(MeterRegistry registry, String topic) {
        return Counter.builder("webhook.router.poison").description("Records that could not be read, by topic; events go to the events dead-letter topic")
                .tag("topic", topic).register(registry);
    }

    /** An event was routed to {@code subscriptionJobs} subscriptions, and to its callback URL when {@code callback}. */
    public void routed(int subscriptionJobs, boolean callback) {
        eventsRouted.increment();
        this.subscriptionJobs.increment(subscriptionJobs);
        if (callback) {
            callbackJobs.increment();
        }
        fanOut.record(subscriptionJobs + (callback ? 1 : 0));
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void poisonEvent() {
        poisonEvents.increment();
    }

    public void poisonSubscription() {
        poisonSubscriptions.increment();
    }

    /** A subscription's filter expression failed with {@code outcome} (an error or over its cost). */
    public void filterFailed(MatchVerdict.Outcome outcome) {
        (outcome == MatchVerdict.Outcome.COST_EXCEEDED ? filterCostExceeded : filterErrors).increment();
    }
}
