package dev.hooklane.subscriptions.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses members a request type does not have, so that a misspelt field is an error the caller
 * sees rather than a setting silently ignored.
 */
public final class KnownFields {

    private KnownFields() {
    }

    /** The component names of a record type. */
    public static Set<String> of(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws ProblemException 422 naming every unknown member of {@code body} */
    public static void require(JsonNode body, Set<String> known) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a known field (" + known.stream().sorted().collect(Collectors.joining(", ")) + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
