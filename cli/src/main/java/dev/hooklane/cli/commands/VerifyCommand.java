package dev.hooklane.cli.commands;

import dev.hooklane.cli.CliException;
import dev.hooklane.cli.ExitCodes;
import dev.hooklane.cli.Hooklane;
import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.signing.WebhookVerificationException;
import dev.hooklane.contracts.signing.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hooklane verify}: checks the Standard Webhooks signature of a saved webhook request, for
 * a receiver debugging its side. The request is saved as HTTP text: an optional request line,
 * headers, a blank line, then the body exactly as received.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a saved webhook request's signature (Standard Webhooks) with the subscription's secret.",
                "The file holds the request as HTTP text: request line (optional), headers, a blank line, the body as received.",
                "Exit code 0 when a signature matches, 1 when none does."})
public final class VerifyCommand implements Runnable {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the saved request; - or none reads standard input") Path file;
    @Option(names = "--secret", required = true, paramLabel = "whsec_...", description = "a secret to try; repeat during a rotation")
    List<String> secrets;
    @Option(names = "--tolerance", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "also refuse a timestamp further than this from now, as a live receiver does (e.g. 5m); default: the age is only reported")
    Duration tolerance;
    private final Hooklane root;

    VerifyCommand(Hooklane root) {
        this.root = root;
    }

    /** A saved request: its headers (lower-case names) and body bytes. */
    record SavedRequest(Map<String, String> headers, byte[] body) {
        static SavedRequest parse(byte[] raw) {
            int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int skip = 4;
            int lf = indexOf(raw, "\n\n".getBytes(StandardCharsets.US_ASCII));
            if (split < 0 || (lf >= 0 && lf < split)) {
                split = lf;
                skip = 2;
            }
            if (split < 0) {
                throw new CliException(ExitCodes.USAGE, "no blank line between the headers and the body: save the request as HTTP text");
            }
            Map<String, String> headers = new HashMap<>();
            for (String line : new String(raw, 0, split, StandardCharsets.UTF_8).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.contains(" HTTP/")) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            return new SavedRequest(headers, Arrays.copyOfRange(raw, split + skip, raw.length));
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    @Override
    public void run() {
        SavedRequest request;
        try (InputStream in = Inputs.open(file, root.in())) {
            request = SavedRequest.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the saved request: " + e.getMessage());
        }
        List<WebhookSecret> parsed = secrets.stream().map(VerifyCommand::secret).toList();
        String id = request.headers().get(WebhookHeaders.ID);
        String timestamp = request.headers().get(WebhookHeaders.TIMESTAMP);
        String signature = request.headers().get(WebhookHeaders.SIGNATURE);
        Optional<Instant> sent = seconds(timestamp).map(Instant::ofEpochSecond);
        Clock clock = tolerance != null || sent.isEmpty() ? root.clock() : Clock.fixed(sent.get(), ZoneOffset.UTC);
        WebhookVerifier verifier = new WebhookVerifier(parsed, tolerance != null ? tolerance : WebhookVerifier.DEFAULT_TOLERANCE, clock);
        String matched = verifies(verifier, id, timestamp, signature, request.body());
        String age = sent.map(at -> Duration.between(at, root.clock().instant())).map(d -> d.toSeconds() + " s ago").orElse("?");
        root.output().say("Signature verified" + matched + ".");
        root.output().say("  webhook-id         " + id);
        root.output().say("  webhook-timestamp  " + timestamp + " (" + sent.map(Instant::toString).orElse("?") + ", " + age
                + (tolerance == null ? "; age not checked" : "") + ")");
        root.output().say("  body               " + request.body().length + " bytes");
        if (root.output().format() == dev.hooklane.cli.Output.Format.JSON) {
            root.output().json(dev.hooklane.contracts.json.Json.mapper().createObjectNode().put("verified", true).put("webhookId", id)
                    .put("timestamp", timestamp));
        }
    }

    /** Verifies the body as saved, then without one final newline (editors and shells often add one). */
    private static String verifies(WebhookVerifier verifier, String id, String timestamp, String signature, byte[] body) {
        try {
            verifier.verify(id, timestamp, signature, body);
            return "";
        } catch (WebhookVerificationException first) {
            if (body.length > 0 && body[body.length - 1] == '\n') {
                int cut = body.length > 1 && body[body.length - 2] == '\r' ? 2 : 1;
                try {
                    verifier.verify(id, timestamp, signature, Arrays.copyOf(body, body.length - cut));
                    return " (after removing the final newline of the saved body)";
                } catch (WebhookVerificationException second) {
                    // report the first failure
                }
            }
            throw new CliException(ExitCodes.NOT_VERIFIED, "the signature does not verify: " + first.getMessage());
        }
    }

    private static WebhookSecret secret(String text) {
        try {
            return WebhookSecret.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--secret is not a whsec_ secret: " + e.getMessage());
        }
    }

    private static Optional<Long> seconds(String timestamp) {
        try {
            return Optional.of(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
