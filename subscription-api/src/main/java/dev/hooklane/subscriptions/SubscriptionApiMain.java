package dev.hooklane.subscriptions;

import dev.hooklane.service.ServiceRunner;

/** Runs the subscription API from environment variables. */
public final class SubscriptionApiMain {

    private SubscriptionApiMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.run("subscription-api", SubscriptionApiConfig::from, SubscriptionApi::start);
    }
}
