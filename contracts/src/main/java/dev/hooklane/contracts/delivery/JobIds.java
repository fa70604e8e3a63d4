package dev.hooklane.contracts.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Job ids are derived from (event id, target), so a job routed twice, e.g. after a router restart,
 * gets the same id and thus the same {@code webhook-id}: receivers can drop the duplicate.
 */
public final class JobIds {

    private JobIds() {
    }

    /** {@code msg_} and 22 URL-safe characters (128 bits of SHA-256 of the event id and target). */
    public static String of(String eventId, String target) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(eventId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest();
            return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
