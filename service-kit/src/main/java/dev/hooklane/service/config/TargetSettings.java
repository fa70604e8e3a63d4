package dev.hooklane.service.config;

import dev.hooklane.service.ssrf.AddressPolicy;
import java.util.List;

/** Where webhooks may go, shared by the worker (every attempt) and the subscription API (at creation). */
public final class TargetSettings {

    /** The one key both services read. */
    public static final String ALLOW_LIST = "HOOKLANE_SSRF_ALLOW_LIST";

    private TargetSettings() {
    }

    /**
     * {@code HOOKLANE_SSRF_ALLOW_LIST}: comma-separated CIDR blocks that may be reached besides public
     * addresses (development and tests only, e.g. {@code 127.0.0.1/32,::1/128}); default none.
     */
    public static AddressPolicy addressPolicy(EnvConfig env) {
        List<String> cidrs = env.list(ALLOW_LIST, List.of());
        try {
            return AddressPolicy.withAllowList(cidrs);
        } catch (IllegalArgumentException e) {
            env.problem(ALLOW_LIST + " must be comma-separated CIDR blocks such as 127.0.0.1/32: " + e.getMessage());
            return AddressPolicy.publicOnly();
        }
    }
}
