package dev.hooklane.service.http;

import java.util.Optional;

/** Says why a service cannot take work yet (e.g. its view of a topic is still loading). */
@FunctionalInterface
public interface ReadinessCheck {

    /** Empty when ready; otherwise the reason, for the {@code /ready} answer. */
    Optional<String> notReadyReason();

    ReadinessCheck ALWAYS = Optional::empty;
}
