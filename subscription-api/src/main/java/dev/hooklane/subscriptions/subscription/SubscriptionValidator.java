package dev.hooklane.subscriptions.subscription;

import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.text.PlainText;
import dev.hooklane.contracts.url.InvalidWebhookUrlException;
import dev.hooklane.contracts.url.WebhookUrl;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.subscriptions.urlcheck.UrlTargetCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a creation or update request field by field and builds the subscription; every broken
 * rule is reported at once, and nothing is written unless all hold.
 */
public final class SubscriptionValidator {

    static final int MAX_EVENT_TYPES = 100;
    static final int MAX_HEADERS = 20;
    static final int MAX_METADATA = 20;
    static final int MAX_TEXT = 1000;
    static final int MIN_RATE = 1;
    static final int MAX_RATE = 10_000;
    static final int MIN_TIMEOUT_SECONDS = 1;
    static final int MAX_TIMEOUT_SECONDS = 60;
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    /** Headers a subscriber may not set: hop-by-hop, framing, and the ones the platform signs with. */
    static final Set<String> RESERVED_HEADERS = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "content-type",
            "webhook-id", "webhook-timestamp", "webhook-signature", "user-agent");

    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 500;
    static final int MAX_DISABLED_REASON = 500;

    private final boolean allowHttp;
    private final UrlTargetCheck targets;

    public SubscriptionValidator(boolean allowHttp) {
        this(allowHttp, UrlTargetCheck.ANY);
    }

    /**
     * @param targets refuses URLs whose host resolves to an address the platform must not call
     */
    public SubscriptionValidator(boolean allowHttp, UrlTargetCheck targets) {
        this.allowHttp = allowHttp;
        this.targets = targets;
    }

    /** The values of a request that passed every check. */
    private record Checked(String url, List<String> eventTypes, PayloadFormat format, SubscriptionFilter filter, Map<String, String> headers,
                           Optional<String> name, Optional<String> description, Optional<Integer> rate, Optional<Integer> timeout,
                           Map<String, String> metadata, boolean enabled, Optional<String> disabledReason) {
    }

    /** A new subscription from a creation request, with the given secret or a generated one. */
    public Subscription toSubscription(CreateSubscriptionRequest request, String id, String tenant, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String secret = checkSecret(request.secret(), errors);
        Checked checked = check(request, true, errors);
        return new Subscription(id, tenant, checked.url(), checked.eventTypes(), checked.filter(), checked.name(), checked.description(),
                checked.headers(), checked.enabled(), checked.disabledReason(), checked.format(),
                List.of(new SigningSecret(secret, now, Optional.empty())), checked.rate(), checked.timeout().map(Duration::ofSeconds),
                checked.metadata(), now, now);
    }

    /**
     * The subscription changed to {@code request} (the stored fields with a patch merged in), under
     * the same rules as creation; its id, tenant, secrets and creation time stay.
     */
    public Subscription updated(Subscription current, CreateSubscriptionRequest request, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (request.secret() != null) {
            errors.add(new FieldError("secret", "cannot be patched; rotate it with POST /v1/subscriptions/{id}/secret/rotate"));
        }
        Checked checked = check(request, !current.url().equals(request.url()), errors);
        return new Subscription(current.id(), current.tenant(), checked.url(), checked.eventTypes(), checked.filter(), checked.name(),
                checked.description(), checked.headers(), checked.enabled(), checked.disabledReason(), checked.format(), current.secrets(),
                checked.rate(), checked.timeout().map(Duration::ofSeconds), checked.metadata(), current.createdAt(), now);
    }

    private Checked check(CreateSubscriptionRequest request, boolean checkTarget, List<FieldError> errors) {
        String url = checkUrl(request.url(), checkTarget, errors);
        List<String> eventTypes = checkEventTypes(request.eventTypes(), errors);
        PayloadFormat format = checkFormat(request.format(), errors);
        SubscriptionFilter filter = FilterDocument.read(request.filter(), "filter", errors);
        Map<String, String> headers = checkHeaders(request.headers(), errors);
        Optional<String> name = checkText("name", request.name(), 100, errors);
        name.filter(text -> !PlainText.isPrintable(text)).ifPresent(text -> errors.add(new FieldError("name", PlainText.printableRule())));
        Optional<String> description = checkText("description", request.description(), MAX_TEXT, errors);
        Optional<Integer> rate = checkRange("rateLimitPerSecond", request.rateLimitPerSecond(), MIN_RATE, MAX_RATE, errors);
        Optional<Integer> timeout = checkRange("timeoutSeconds", request.timeoutSeconds(), MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, errors);
        Map<String, String> metadata = checkMetadata(request.metadata(), errors);
        boolean enabled = request.enabled() == null || request.enabled();
        Optional<String> reason = checkText("disabledReason", request.disabledReason(), MAX_DISABLED_REASON, errors);
        if (enabled && reason.isPresent()) {
            errors.add(new FieldError("disabledReason", "goes with \"enabled\": false only"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Checked(url, eventTypes, format, filter, headers, name, description, rate, timeout, metadata, enabled,
                enabled ? Optional.empty() : reason.or(() -> Optional.of("disabled by the subscriber")));
    }

    private static Map<String, String> checkMetadata(Map<String, String> metadata, List<FieldError> errors) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA) {
            errors.add(new FieldError("metadata", "at most " + MAX_METADATA + " entries"));
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY || value == null || value.length() > MAX_METADATA_VALUE) {
                errors.add(new FieldError("metadata." + key, "keys have 1 to " + MAX_METADATA_KEY + " characters, values at most "
                        + MAX_METADATA_VALUE));
            }
        });
        return metadata;
    }

    private String checkUrl(String url, boolean checkTarget, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "is required"));
            return "";
        }
        try {
            WebhookUrl parsed = WebhookUrl.parse(url);
            if (!parsed.isHttps() && !allowHttp) {
                errors.add(new FieldError("url", "must use https"));
            } else if (checkTarget) {
                targets.refusal(parsed.uri()).ifPresent(reason -> errors.add(new FieldError("url", reason)));
            }
        } catch (InvalidWebhookUrlException e) {
            errors.add(new FieldError("url", e.getMessage()));
        }
        return url;
    }

    private static List<String> checkEventTypes(List<String> eventTypes, List<FieldError> errors) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.add(new FieldError("eventTypes", "at least one event type or pattern is required (use [\"*\"] for all)"));
            return List.of();
        }
        if (eventTypes.size() > MAX_EVENT_TYPES) {
            errors.add(new FieldError("eventTypes", "at most " + MAX_EVENT_TYPES + " entries"));
        }
        for (int i = 0; i < eventTypes.size(); i++) {
            if (!EventTypePattern.isValid(eventTypes.get(i))) {
                errors.add(new FieldError("eventTypes[" + i + "]", "is not an event type, '*' or a prefix pattern like 'report.*'"));
            }
        }
        return eventTypes.stream().distinct().toList();
    }

    private static String checkSecret(String secret, List<FieldError> errors) {
        if (secret == null) {
            return WebhookSecret.generate().encoded();
        }
        try {
            WebhookSecret.parse(secret);
            return secret.startsWith(WebhookSecret.PREFIX) ? secret : WebhookSecret.PREFIX + secret;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("secret", "must be 'whsec_' followed by the base64 of 24 to 64 bytes"));
            return "";
        }
    }

    private static PayloadFormat checkFormat(String format, List<FieldError> errors) {
        if (format == null) {
            return PayloadFormat.STANDARD;
        }
        try {
            return PayloadFormat.fromWireName(format);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("format", "must be one of standard, event-payload, data, cloudevents"));
            return PayloadFormat.STANDARD;
        }
    }

    private static Map<String, String> checkHeaders(Map<String, String> headers, List<FieldError> errors) {
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            errors.add(new FieldError("headers", "at most " + MAX_HEADERS + " headers"));
        }
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add(new FieldError("headers." + name, "is not a valid header name"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError("headers." + name, "is set by the platform and cannot be overridden"));
            } else if (value == null || value.length() > 1024 || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                errors.add(new FieldError("headers." + name, "needs a value of at most 1024 printable characters"));
            }
        });
        return headers;
    }

    private static Optional<String> checkText(String field, String text, int max, List<FieldError> errors) {
        if (text != null && text.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
        }
        return Optional.ofNullable(text);
    }

    private static Optional<Integer> checkRange(String field, Integer value, int min, int max, List<FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
        return Optional.ofNullable(value);
    }
}
