package dev.hooklane.router.routing;

import dev.hooklane.contracts.matching.MatchInput;
import dev.hooklane.contracts.matching.MatchRules;
import dev.hooklane.contracts.matching.MatchVerdict;
import dev.hooklane.router.RouterMetrics;
import dev.hooklane.router.index.RouteTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an event reaches a candidate subscription that the index found, with the
 * contracts' {@code MatchRule}: compiled once per subscription version and shared by every stream
 * task. A failing expression never stops the router: the event is not delivered to that
 * subscription, the failure is counted, and it is logged once per subscription version (without
 * the CEL message, which can quote event data: the filter test shows it to the tenant).
 */
public final class RouteMatcher {

    /**
     * Compiled rules kept: enough for every subscription with an expression in a large
     * installation (a compiled expression takes a few kilobytes); past it the cache starts again.
     */
    static final int CACHED_RULES = 100_000;

    private static final Logger log = LoggerFactory.getLogger(RouteMatcher.class);

    private final RouterMetrics metrics;
    private final MatchRules rules = new MatchRules(CACHED_RULES);
    /** Subscription id to the expression whose first failure was logged. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    public RouteMatcher(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    /** True when {@code event} reaches {@code subscription}; it must be enabled as well to get a job. */
    boolean reaches(MatchInput event, RouteTarget subscription) {
        MatchVerdict verdict = rules.rule(subscription.id(), subscription.tenant(), subscription.eventTypes(), subscription.filter()).test(event);
        return switch (verdict.outcome()) {
            case MATCHED -> true;
            case EXPRESSION_ERROR, COST_EXCEEDED -> {
                metrics.filterFailed(verdict.outcome());
                reportOnce(event, subscription, verdict);
                yield false;
            }
            default -> false;
        };
    }

    private void reportOnce(MatchInput event, RouteTarget subscription, MatchVerdict verdict) {
        String expression = subscription.filter().expression().orElse("");
        if (reported.size() >= CACHED_RULES) {
            reported.clear();
        }
        if (!expression.equals(reported.put(subscription.id(), expression))) {
            log.warn("The filter expression of subscription {} (tenant {}) failed on event {} ({}): the event is not delivered to it; "
                            + "further failures of this version are counted in webhook.router.filter.failures only, and "
                            + "POST /v1/filters/test with the event's data shows why",
                    subscription.id(), subscription.tenant(), event.event().id(), verdict.outcome().wireName());
        }
    }
}
