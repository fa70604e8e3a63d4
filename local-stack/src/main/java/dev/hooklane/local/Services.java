package dev.hooklane.local;

import dev.hooklane.delivery.DeliveryWorker;
import dev.hooklane.delivery.DeliveryWorkerConfig;
import dev.hooklane.delivery.DeliveryWorkerMain;
import dev.hooklane.ingest.IngestConfig;
import dev.hooklane.ingest.IngestMain;
import dev.hooklane.ingest.IngestService;
import dev.hooklane.router.RouterConfig;
import dev.hooklane.router.RouterMain;
import dev.hooklane.router.RouterService;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import dev.hooklane.subscriptions.SubscriptionApiMain;
import dev.hooklane.testkit.pipeline.ServiceKind;
import java.util.Map;
import java.util.function.Function;

/**
 * The four services and how each starts from the environment its {@code main} reads: the one place
 * the local stack, the end-to-end tests, the reliability suite and the benchmarks learn it.
 */
public enum Services implements ServiceKind {
    API("subscription-api", SubscriptionApiMain.class, Services::api),
    INGEST("ingest", IngestMain.class, Services::ingest),
    ROUTER("router", RouterMain.class, Services::router),
    WORKER("delivery-worker", DeliveryWorkerMain.class, Services::worker);

    private final String serviceName;
    private final Class<?> main;
    private final Function<Map<String, String>, AutoCloseable> inJvm;

    Services(String serviceName, Class<?> main, Function<Map<String, String>, AutoCloseable> inJvm) {
        this.serviceName = serviceName;
        this.main = main;
        this.inJvm = inJvm;
    }

    /** The name the compose file and the Kubernetes manifests give the service. */
    public String serviceName() {
        return serviceName;
    }

    @Override
    public String mainClass() {
        return main.getName();
    }

    @Override
    public AutoCloseable startInJvm(Map<String, String> environment) {
        return inJvm.apply(environment);
    }

    public static SubscriptionApi api(Map<String, String> environment) {
        return SubscriptionApi.start(config(environment, SubscriptionApiConfig::from));
    }

    public static IngestService ingest(Map<String, String> environment) {
        return IngestService.start(config(environment, IngestConfig::from));
    }

    public static RouterService router(Map<String, String> environment) {
        return RouterService.start(config(environment, RouterConfig::from));
    }

    public static DeliveryWorker worker(Map<String, String> environment) {
        return DeliveryWorker.start(config(environment, DeliveryWorkerConfig::from));
    }

    /** Reads a service's config from {@code env} as its {@code main} would, refusing what it would refuse. */
    private static <C> C config(Map<String, String> env, Function<EnvConfig, C> reader) {
        EnvConfig config = new EnvConfig(env);
        C read = reader.apply(config);
        config.validate();
        return read;
    }
}
