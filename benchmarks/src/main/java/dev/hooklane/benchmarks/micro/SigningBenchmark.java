package dev.hooklane.benchmarks.micro;

import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.signing.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The {@code webhook-signature} of one 1 KiB delivery body: one secret, and two during a rotation. */
@State(Scope.Thread)
public class SigningBenchmark {

    private final byte[] body = new JobRecords(100).body().getBytes(StandardCharsets.UTF_8);
    private final List<WebhookSecret> oneSecret = List.of(WebhookSecret.generate());
    private final List<WebhookSecret> twoSecrets = List.of(WebhookSecret.generate(), WebhookSecret.generate());

    @Benchmark
    public String signOneSecret() {
        return WebhookSigner.sign("msg_2ZbW4nqVbJLUtYZ0P8Q7Hg", 1_795_432_208L, body, oneSecret);
    }

    @Benchmark
    public String signTwoSecrets() {
        return WebhookSigner.sign("msg_2ZbW4nqVbJLUtYZ0P8Q7Hg", 1_795_432_208L, body, twoSecrets);
    }
}
