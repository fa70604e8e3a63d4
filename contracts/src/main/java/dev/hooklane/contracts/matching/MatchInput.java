package dev.hooklane.contracts.matching;

import dev.cel.runtime.CelVariableResolver;
import dev.hooklane.contracts.event.EventEnvelope;
import java.util.Optional;

/**
 * One event prepared for matching against many subscriptions: its expression variables are made
 * once, on the first expression that needs them, and the data is converted only as far as
 * expressions read it. Meant for one thread.
 */
public final class MatchInput {

    private final EventEnvelope event;
    private CelVariableResolver variables;

    private MatchInput(EventEnvelope event) {
        this.event = event;
    }

    public static MatchInput of(EventEnvelope event) {
        return new MatchInput(event);
    }

    public EventEnvelope event() {
        return event;
    }

    /** The variables of {@link FilterExpression}. */
    CelVariableResolver variables() {
        if (variables == null) {
            Optional<Object> type = Optional.of(event.type());
            Optional<Object> source = Optional.of(event.source().toString());
            Optional<Object> subject = Optional.of(event.subject().orElse(""));
            Optional<Object> time = Optional.of(event.time());
            Optional<Object> tenant = Optional.of(event.tenant());
            Optional<Object> data = Optional.of(JsonValues.of(event.data()));
            variables = name -> switch (name) {
                case "type" -> type;
                case "source" -> source;
                case "subject" -> subject;
                case "time" -> time;
                case "tenant" -> tenant;
                case "data" -> data;
                default -> Optional.empty();
            };
        }
        return variables;
    }
}
