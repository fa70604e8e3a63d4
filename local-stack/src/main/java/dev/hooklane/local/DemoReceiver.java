package dev.hooklane.local;

import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.PrintStream;

/**
 * The local stack's receiver: answers 200 on every path and prints each delivery with the outcome
 * of its signature check, naming the secret it verified with, as a subscriber's endpoint would.
 */
final class DemoReceiver implements AutoCloseable {

    private static final int MAX_PRINTED_BODY = 2000;

    private final ScriptableReceiver receiver;

    DemoReceiver(String host, int port, KnownSecrets secrets, PrintStream out) {
        this.receiver = ScriptableReceiver.start(host, port).withoutRecording()
                .onRequest(request -> out.println(describe(request, secrets)));
    }

    static String describe(ReceivedRequest request, KnownSecrets secrets) {
        String verdict = secrets.verifiedBy(request).map(secret -> "signature verified with " + secret)
                .orElse("SIGNATURE DOES NOT VERIFY with any secret the platform holds");
        String body = request.bodyText();
        if (body.length() > MAX_PRINTED_BODY) {
            body = body.substring(0, MAX_PRINTED_BODY) + "...";
        }
        return "[demo receiver] " + request.method() + " " + request.path() + request.query().map(q -> "?" + q).orElse("")
                + "  webhook-id=" + request.webhookId() + "  " + verdict + System.lineSeparator() + "                " + body;
    }

    int port() {
        return receiver.port();
    }

    @Override
    public void close() {
        receiver.close();
    }
}
