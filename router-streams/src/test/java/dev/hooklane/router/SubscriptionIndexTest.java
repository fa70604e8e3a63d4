package dev.hooklane.router;

import static dev.hooklane.router.RouterDriver.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.router.index.RouteTarget;
import dev.hooklane.router.index.SubscriptionIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index alone: matches by tenant and pattern, each subscription once, and changes that leave nothing behind. */
class SubscriptionIndexTest {

    private final SubscriptionIndex index = SubscriptionIndex.storeBuilder().build();

    private List<String> matches(String tenant, String eventType) {
        List<String> ids = new ArrayList<>();
        index.forEachMatch(tenant, eventType, (RouteTarget target) -> ids.add(target.id()));
        return ids;
    }

    @Test
    void shouldFindEverySubscriptionOfTheTenantWhosePatternMatchesEachOnce() {
        index.apply("exact", subscription("exact", "acme", List.of("order.created"), List.of(), true, PayloadFormat.STANDARD));
        index.apply("prefix", subscription("prefix", "acme", List.of("order.*"), List.of(), true, PayloadFormat.STANDARD));
        index.apply("both", subscription("both", "acme", List.of("order.created", "*"), List.of(), true, PayloadFormat.STANDARD));
        index.apply("other-type", subscription("other-type", "acme", List.of("invoice.paid"), List.of(), true, PayloadFormat.STANDARD));
        index.apply("other-tenant", subscription("other-tenant", "globex", List.of("*"), List.of(), true, PayloadFormat.STANDARD));

        assertThat(matches("acme", "order.created")).containsExactlyInAnyOrder("exact", "prefix", "both");
        assertThat(matches("globex", "order.created")).containsExactly("other-tenant");
        assertThat(matches("nobody", "order.created")).isEmpty();
    }

    @Test
    void shouldForgetTheOldPatternsOfAChangedSubscriptionAndEverythingOfADeletedOne() {
        index.apply("sub", subscription("sub", "acme", List.of("order.created", "order.*"), List.of(), true, PayloadFormat.STANDARD));
        index.apply("sub", subscription("sub", "acme", List.of("invoice.paid"), List.of(), false, PayloadFormat.STANDARD));

        assertThat(matches("acme", "order.created")).isEmpty();
        List<RouteTarget> found = new ArrayList<>();
        index.forEachMatch("acme", "invoice.paid", found::add);
        assertThat(found).singleElement().satisfies(target -> assertThat(target.enabled()).isFalse());

        index.apply("sub", null);
        assertThat(matches("acme", "invoice.paid")).isEmpty();
        assertThat(index.size()).isZero();
        index.apply("never-indexed", null);
        assertThat(index.size()).isZero();
    }
}
