package dev.hooklane.reliability.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.ScenarioRun;
import dev.hooklane.reliability.harness.Tenancy;
import dev.hooklane.reliability.ledger.DeliveryLedger.TrackedSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and deletes subscriptions while the API is killed and restarted. Churned subscriptions
 * listen to an event type the load never sends, so a delivery to one of them is unexpected; the
 * API must afterwards agree with every answer it gave: what it confirmed created exists, what it
 * confirmed deleted is gone.
 */
final class SubscriptionChurn {

    private static final String SILENT_TYPE = "churn.never-sent";

    private final Tenancy tenancy;
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
    private final String apiUrl;
    private final ScenarioRun run;
    private final Map<String, String> liveKeyById = new ConcurrentHashMap<>();
    private final Map<String, String> deletedKeyById = new ConcurrentHashMap<>();
    private final AtomicInteger confirmed = new AtomicInteger();

    SubscriptionChurn(String apiUrl, ScenarioRun run) {
        this.apiUrl = apiUrl;
        this.tenancy = new Tenancy(apiUrl);
        this.run = run;
    }

    void run(AtomicBoolean loadRunning) {
        List<Map.Entry<String, String>> tenants = new ArrayList<>(run.keys().entrySet());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (loadRunning.get()) {
            Map.Entry<String, String> tenant = tenants.get(random.nextInt(tenants.size()));
            if (liveKeyById.size() > 5 || (random.nextBoolean() && !liveKeyById.isEmpty())) {
                String id = liveKeyById.keySet().iterator().next();
                String key = liveKeyById.get(id);
                // Unconfirmed (the API died mid-request), the deletion may or may not have happened: assert neither.
                liveKeyById.remove(id);
                if (tenancy.unsubscribe(key, id)) {
                    deletedKeyById.put(id, key);
                    confirmed.incrementAndGet();
                }
            } else {
                Optional<TrackedSubscription> created = tenancy.trySubscribe(tenant.getKey(), tenant.getValue(),
                        run.receiver().url("/churn/" + random.nextInt(1_000_000)), List.of(SILENT_TYPE), List.of(), false);
                created.ifPresent(s -> {
                    run.ledger().subscribed(s);
                    liveKeyById.put(s.id(), tenant.getValue());
                    confirmed.incrementAndGet();
                });
            }
            try {
                Thread.sleep(50); // the churn's rhythm: one change every 50 ms, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    int confirmedChanges() {
        return confirmed.get();
    }

    void assertApiAgreesWithWhatItConfirmed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get(apiUrl + "/ready", null).status() == 200);
        liveKeyById.forEach((id, key) -> assertThat(http.get(apiUrl + "/v1/subscriptions/" + id, key).status())
                .as("subscription %s was confirmed created", id).isEqualTo(200));
        deletedKeyById.forEach((id, key) -> assertThat(http.get(apiUrl + "/v1/subscriptions/" + id, key).status())
                .as("subscription %s was confirmed deleted", id).isEqualTo(404));
    }
}
