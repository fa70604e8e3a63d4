package dev.hooklane.benchmarks.micro;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.contracts.delivery.DeliveryJob;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A delivery job with a 1 KiB body read from and written to its record value: the worker reads one per attempt. */
@State(Scope.Thread)
public class JobCodecBenchmark {


    private final JobRecords records = new JobRecords(100);
    private final DeliveryJob job = records.job(1);
    private final byte[] serialized = records.serialized(1);

    @Benchmark
    public DeliveryJob decodeJob() {
        return JobCodec.decode(serialized);
    }

    @Benchmark
    public byte[] encodeJob() {
        return JobCodec.encode(job);
    }
}
