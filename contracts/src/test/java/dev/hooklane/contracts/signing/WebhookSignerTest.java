package dev.hooklane.contracts.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    // The example published with the Standard Webhooks specification's reference libraries.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
    private final Clock atSpecTime = Clock.fixed(Instant.ofEpochSecond(SPEC_TIMESTAMP), ZoneOffset.UTC);
    private final WebhookVerifier verifier = new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, atSpecTime);

    @Test
    void shouldProduceTheSpecificationsSignature() {
        assertThat(WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(secret))).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void shouldVerifyTheSpecificationsExample() {
        assertThatCode(() -> verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY)).doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptTheSecretWithoutItsPrefix() {
        WebhookSecret bare = WebhookSecret.parse(SPEC_SECRET.substring(WebhookSecret.PREFIX.length()));
        assertThat(bare).isEqualTo(secret);
    }

    @Test
    void shouldRefuseATamperedBody() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, tampered))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no matching signature");
    }

    @Test
    void shouldRefuseATamperedId() {
        assertThatThrownBy(() -> verifier.verify("msg_p5jXN8AQM9LWM0D4loKWxJel", Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no matching signature");
    }

    @Test
    void shouldRefuseATamperedTimestampWithinTolerance() {
        assertThatThrownBy(() -> verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP + 1), SPEC_SIGNATURE, SPEC_BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no matching signature");
    }

    @Test
    void shouldRefuseATimestampOutsideTheTolerance() {
        Clock later = Clock.offset(atSpecTime, Duration.ofMinutes(5).plusSeconds(1));
        WebhookVerifier lateVerifier = new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, later);
        assertThatThrownBy(() -> lateVerifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
    }

    @Test
    void shouldRefuseMissingHeaders() {
        String ts = Long.toString(SPEC_TIMESTAMP);
        assertThatThrownBy(() -> verifier.verify(null, ts, SPEC_SIGNATURE, SPEC_BODY)).hasMessageContaining("webhook-id");
        assertThatThrownBy(() -> verifier.verify(SPEC_ID, null, SPEC_SIGNATURE, SPEC_BODY)).hasMessageContaining("webhook-timestamp");
        assertThatThrownBy(() -> verifier.verify(SPEC_ID, ts, "", SPEC_BODY)).hasMessageContaining("webhook-signature");
        assertThatThrownBy(() -> verifier.verify(SPEC_ID, "soon", SPEC_SIGNATURE, SPEC_BODY)).hasMessageContaining("not a number");
    }

    @Test
    void shouldFindTheValidSignatureAmongOthers() {
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                + SPEC_SIGNATURE + " v1,not-base64!";
        assertThatCode(() -> verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), header, SPEC_BODY)).doesNotThrowAnyException();
    }

    @Test
    void shouldSignWithEverySecretDuringRotationSoEitherVerifies() {
        WebhookSecret previous = secret;
        WebhookSecret current = WebhookSecret.generate();
        String header = WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(current, previous));

        assertThat(header.split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
        for (WebhookSecret receiverKnows : List.of(previous, current)) {
            WebhookVerifier receiver = new WebhookVerifier(List.of(receiverKnows), WebhookVerifier.DEFAULT_TOLERANCE, atSpecTime);
            assertThatCode(() -> receiver.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), header, SPEC_BODY)).doesNotThrowAnyException();
        }
        WebhookVerifier stranger = new WebhookVerifier(List.of(WebhookSecret.generate()), WebhookVerifier.DEFAULT_TOLERANCE, atSpecTime);
        assertThatThrownBy(() -> stranger.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), header, SPEC_BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void shouldGenerateDistinctSecretsThatRoundTripThroughTheirTextForm() {
        WebhookSecret a = WebhookSecret.generate();
        WebhookSecret b = WebhookSecret.generate();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.encoded()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(a.encoded())).isEqualTo(a);
        assertThat(a.toString()).doesNotContain(a.encoded().substring(6));
    }

    @Test
    void shouldRefuseSecretsOfTheWrongSize() {
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_***")).hasMessageContaining("base64");
    }
}
