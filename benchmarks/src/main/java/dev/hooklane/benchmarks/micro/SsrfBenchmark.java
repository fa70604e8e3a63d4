package dev.hooklane.benchmarks.micro;

import dev.hooklane.delivery.ssrf.CheckedDnsResolver;
import dev.hooklane.service.ssrf.AddressPolicy;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The SSRF check on every attempt: the pure policy on an address literal (public, and loopback
 * allow-listed), and the worker's resolver that checks and pins what it resolves.
 */
@State(Scope.Thread)
public class SsrfBenchmark {

    private final AddressPolicy policy = AddressPolicy.withAllowList(List.of("127.0.0.0/8"));
    private final CheckedDnsResolver resolver = new CheckedDnsResolver(policy);

    @Benchmark
    public Optional<AddressPolicy.Verdict> checkPublicLiteral() {
        return policy.checkLiteral("93.184.216.34");
    }

    @Benchmark
    public Optional<AddressPolicy.Verdict> checkAllowListedLoopback() {
        return policy.checkLiteral("127.0.0.1");
    }

    @Benchmark
    public List<InetSocketAddress> resolveAndCheckLoopback() throws UnknownHostException {
        return resolver.resolve("127.0.0.1", 8080);
    }
}
