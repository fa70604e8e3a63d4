package dev.hooklane.delivery.endpoint;

/**
 * The limits of one endpoint, on one worker.
 *
 * @param concurrency requests in flight at once
 * @param ratePerSecond requests per second; 0 for no limit
 */
public record EndpointLimits(int concurrency, int ratePerSecond) {
}
