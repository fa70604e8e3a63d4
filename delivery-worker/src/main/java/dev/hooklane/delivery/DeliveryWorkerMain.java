package dev.hooklane.delivery;

import dev.hooklane.service.ServiceRunner;

/** Runs a delivery worker from environment variables. */
public final class DeliveryWorkerMain {

    private DeliveryWorkerMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.run("delivery-worker", DeliveryWorkerConfig::from, DeliveryWorker::start);
    }
}
