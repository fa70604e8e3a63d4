package dev.hooklane.subscriptions.portal;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/portal-sessions}; every field is optional.
 *
 * @param name what the session is for, e.g. the customer's name (up to 100 characters)
 * @param scope what the session may see and change; absent = the whole tenant
 * @param expiresInSeconds the token's lifetime, 3600 to 86400 (default 3600)
 */
public record PortalSessionRequest(String name, Scope scope, Integer expiresInSeconds) {

    /**
     * A scope as sent by clients.
     *
     * @param metadata 1 to 5 pairs the customer's subscriptions hold
     * @param eventTypes exact types or patterns the customer may subscribe to
     * @param filter conditions every subscription the customer makes gets: {@code [{"attribute", "values"}]}
     */
    public record Scope(Map<String, String> metadata, List<String> eventTypes, List<Condition> filter) {
    }

    /** A filter condition as sent by clients. */
    public record Condition(String attribute, List<String> values) {
    }
}
