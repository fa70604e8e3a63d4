package dev.hooklane.local;

import dev.hooklane.contracts.signing.WebhookSecret;
import java.nio.file.Path;

/** The text printed when the local stack is up: where everything is and a copy-paste walkthrough. */
final class Walkthrough {

    private Walkthrough() {
    }

    static String text(LocalStack stack, String kafka, String adminKey, String tenantKey, WebhookSecret demoSecret, int receiverPort,
                       Path dataDir) {
        String receiverUrl = "http://127.0.0.1:" + receiverPort + "/webhooks?our-reference=1232323";
        return """

                Hooklane is running: every service is ready.

                  Subscription API   %s        admin key: %s
                  Ingest             %s
                  Router             %s/ready
                  Delivery worker    %s/metrics
                  Demo receiver      http://127.0.0.1:%d   (checks every signature against the platform's secrets)
                  Kafka              %s                  data: %s

                Try it (copy and paste into another terminal):

                  export HOOKLANE_KEY=%s

                  # 1. Subscribe the demo receiver to reportCreated events, in Keyclic's {"event", "payload"} shape
                  curl -s %s/v1/subscriptions -H "Authorization: Bearer $HOOKLANE_KEY" -H 'Content-Type: application/json' \\
                    -d '{"url":"%s","eventTypes":["reportCreated"],"format":"event-payload","secret":"%s"}'

                  # 2. Post an event
                  curl -s %s/v1/events -H "Authorization: Bearer $HOOKLANE_KEY" -H 'Content-Type: application/json' \\
                    -d '{"type":"reportCreated","data":{"type":"Report","id":"b0e7e28f-5b91-4c73-875e-8f34aa03553a","state":"NEW"}}'

                  # 3. Watch this terminal: the demo receiver prints the delivery and "signature verified".

                  # 4. See what happened to each attempt (the subscription's id is in step 1's answer)
                  curl -s %s/v1/subscriptions/<subscription id>/attempts -H "Authorization: Bearer $HOOKLANE_KEY"

                  # 5. The same from the command line (docs/cli.md)
                  echo "$HOOKLANE_KEY" | bin/hooklane login --api-url %s --ingest-url %s
                  bin/hooklane subscriptions list
                  bin/hooklane attempts --subscription <id from the list> --follow

                  # 6. A customer portal link (docs/portal.md): open the url it prints in a browser
                  bin/hooklane portal-session create --name 'Customer 7' -t reportCreated --expires-in 2h

                The keys and the data stay in the data folder: a restart answers to the same keys.
                Ctrl-C stops everything.
                """.formatted(stack.apiUrl(), adminKey, stack.ingestUrl(), stack.routerUrl(), stack.workerUrl(), receiverPort, kafka, dataDir,
                tenantKey, stack.apiUrl(), receiverUrl, demoSecret.encoded(), stack.ingestUrl(), stack.apiUrl(), stack.apiUrl(), stack.ingestUrl());
    }
}
