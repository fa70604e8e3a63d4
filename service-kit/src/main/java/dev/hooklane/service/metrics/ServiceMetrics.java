package dev.hooklane.service.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/** A service's Prometheus registry with the JVM and process binders, its names clean for {@code promtool check metrics}. */
public final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public ServiceMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusLint.filters().forEach(registry.config()::meterFilter);
        PrometheusLint.bindProcessCpuSeconds(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        closeables.add(gc);
        for (MeterBinder binder : List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Binds a component's meters, closing it with the registry when it is closeable. */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            closeables.add(closeable);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ServiceMetrics.class).warn("Could not close a meter binder", e);
            }
        }
        registry.close();
    }
}
