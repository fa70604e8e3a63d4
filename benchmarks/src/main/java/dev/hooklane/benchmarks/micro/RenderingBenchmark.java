package dev.hooklane.benchmarks.micro;

import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.render.PayloadRenderer;
import dev.hooklane.contracts.subscription.PayloadFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Rendering one event with 1 KiB of data into a request body, per payload format (once per event and format in the router). */
@State(Scope.Thread)
public class RenderingBenchmark {

    private final EventEnvelope event = EventLoad.event(1, "bench.type-1");

    @Benchmark
    public byte[] renderStandard() {
        return new PayloadRenderer(event).body(PayloadFormat.STANDARD);
    }

    @Benchmark
    public byte[] renderCloudEvents() {
        return new PayloadRenderer(event).body(PayloadFormat.CLOUDEVENTS);
    }
}
