package dev.hooklane.ingest;

import dev.hooklane.service.ServiceRunner;

/** Runs the ingest service from environment variables. */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.run("ingest", IngestConfig::from, IngestService::start);
    }
}
