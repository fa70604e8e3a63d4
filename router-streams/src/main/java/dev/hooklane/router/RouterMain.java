package dev.hooklane.router;

import dev.hooklane.service.ServiceRunner;

/** Runs the router from environment variables. */
public final class RouterMain {

    private RouterMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.run("router", RouterConfig::from, RouterService::start);
    }
}
