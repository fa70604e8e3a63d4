package dev.hooklane.contracts.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests as Standard Webhooks prescribes: {@code v1,} and the base64 of
 * HMAC-SHA256 over {@code id.timestamp.body}, one signature per active secret.
 */
public final class WebhookSigner {

    private static final String HMAC = "HmacSHA256";
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(WebhookSigner::newMac);

    private WebhookSigner() {
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @param secrets every secret that signs now (two during a rotation overlap); at least one
     */
    public static String sign(String messageId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign");
        }
        StringBuilder header = new StringBuilder(secrets.size() * 48);
        for (WebhookSecret secret : secrets) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(secret, messageId, timestampSeconds, body)));
        }
        return header.toString();
    }

    static byte[] hmac(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(secret.key(), HMAC));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC key refused", e);
        }
        mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(body);
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(HMAC + " is missing from this JVM", e);
        }
    }
}
