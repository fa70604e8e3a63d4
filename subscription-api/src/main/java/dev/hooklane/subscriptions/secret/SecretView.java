package dev.hooklane.subscriptions.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hooklane.contracts.subscription.SigningSecret;
import java.time.Instant;
import java.util.List;

/**
 * A signing secret as read explicitly, a subscription's or a tenant's callback secret alike: the
 * current one, and when each previous one stops signing.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecretView(String secret, List<Instant> previousSecretsExpireAt) {

    /** @param active the secrets that sign now, the current one first */
    public static SecretView of(List<SigningSecret> active) {
        return new SecretView(active.get(0).secret(), active.stream().skip(1).map(s -> s.expiresAt().orElseThrow()).toList());
    }
}
