package dev.hooklane.subscriptions.urlcheck;

import java.net.URI;
import java.util.Optional;

/**
 * Decides at creation time whether a subscriber URL may be a webhook target. The delivery worker
 * checks again at every attempt; this check refuses obvious mistakes and probes early, with a
 * field error the caller can act on.
 */
@FunctionalInterface
public interface UrlTargetCheck {

    /** Why {@code url} may not be a target, or empty when it may. */
    Optional<String> refusal(URI url);

    /** Accepts every URL. */
    UrlTargetCheck ANY = url -> Optional.empty();
}
