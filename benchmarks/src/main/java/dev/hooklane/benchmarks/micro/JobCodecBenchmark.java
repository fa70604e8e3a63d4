package dev.hooklane.benchmarks.micro;

import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.json.JsonSerde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A delivery job with a 1 KiB body read from and written to its JSON record value: the worker reads one per attempt. */
@State(Scope.Thread)
public class JobCodecBenchmark {

    private static final JsonSerde<DeliveryJob> JOBS = JsonSerde.of(DeliveryJob.class);

    private final JobRecords records = new JobRecords(100);
    private final DeliveryJob job = records.job(1);
    private final byte[] serialized = records.serialized(1);

    @Benchmark
    public DeliveryJob decodeJob() {
        return JOBS.fromBytes(serialized);
    }

    @Benchmark
    public byte[] encodeJob() {
        return JOBS.toBytes(job);
    }
}
