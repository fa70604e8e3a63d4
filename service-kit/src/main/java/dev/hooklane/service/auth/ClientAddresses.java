package dev.hooklane.service.auth;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.ssrf.Cidr;
import dev.hooklane.service.ssrf.IpAddress;
import dev.hooklane.service.ssrf.IpLiterals;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Who the client of a request is, for per-client limits such as {@link AuthFailureThrottle}: the
 * peer of the connection, unless that peer is one of the configured proxies. Then
 * {@code X-Forwarded-For} is read from its right end, where the proxies append, past every
 * further trusted proxy; the first address that is not one is the client. Entries left of it were
 * written by the client itself and are never believed. With no proxies configured the header is
 * ignored, so nobody can pick their own bucket by sending it.
 */
public final class ClientAddresses {

    /** The config key: comma-separated addresses or CIDR blocks of the reverse proxies in front of the service. */
    public static final String TRUSTED_PROXIES = "HOOKLANE_HTTP_TRUSTED_PROXIES";
    /** The header proxies append the address of their own peer to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Cidr> proxies;

    public ClientAddresses(List<Cidr> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    /** The peer of the connection is the client; {@code X-Forwarded-For} is ignored. */
    public static ClientAddresses direct() {
        return new ClientAddresses(List.of());
    }

    /**
     * {@code HOOKLANE_HTTP_TRUSTED_PROXIES}: addresses or CIDR blocks (e.g. {@code 10.0.0.0/8,fd00::/8})
     * whose {@code X-Forwarded-For} is believed; default none.
     */
    public static ClientAddresses from(EnvConfig env) {
        List<Cidr> blocks = new ArrayList<>();
        for (String block : env.list(TRUSTED_PROXIES, List.of())) {
            try {
                blocks.add(Cidr.parse(block));
            } catch (IllegalArgumentException e) {
                env.problem(TRUSTED_PROXIES + " must be comma-separated addresses or CIDR blocks such as 10.0.0.0/8: " + e.getMessage());
            }
        }
        return new ClientAddresses(blocks);
    }

    public List<Cidr> proxies() {
        return proxies;
    }

    /** The client of {@code ctx}'s request. */
    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders(FORWARDED_FOR)));
    }

    /**
     * @param peer the address the connection comes from
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
     */
    String of(String peer, List<String> forwardedFor) {
        Optional<IpAddress> hop = address(peer);
        if (hop.isEmpty() || !trusted(hop.get())) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        forwardedFor.forEach(header -> chain.addAll(List.of(header.split(","))));
        String client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String host = host(chain.get(i).strip());
            Optional<IpAddress> address = address(host);
            if (address.isEmpty()) {
                // Not an address: no trusted proxy wrote it, so the last hop known is the client.
                return client;
            }
            client = host;
            if (!trusted(address.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(IpAddress address) {
        return proxies.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * The address of an entry without the port some proxies add ({@code 203.0.113.7:4711},
     * {@code [2001:db8::7]:4711}): a client's source port must not give it a bucket of its own.
     */
    private static String host(String entry) {
        if (entry.startsWith("[") && entry.indexOf(']') > 0) {
            return entry.substring(1, entry.indexOf(']'));
        }
        int colon = entry.indexOf(':');
        return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }

    /** A plain address: dotted IPv4 as a proxy writes it (127.1 or 0x7f.1 name no peer), or IPv6. */
    private static Optional<IpAddress> address(String text) {
        return IpLiterals.parse(text).filter(a -> text.indexOf(':') >= 0 || text.split("\\.", -1).length == 4);
    }
}
