package dev.hooklane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/run as a user meets it, in a JVM of its own: the walkthrough works as printed (the demo
 * receiver verifies the signature), and a restart on the same data folder answers to the same keys
 * and delivers an event posted right after the banner within seconds.
 */
@Tag("kafka")
class LocalStackRestartTest {

    private static final Duration START = Duration.ofMinutes(3);
    /** The promise of the banner: an event posted after it arrives within seconds, not after a rebalance. */
    private static final Duration DELIVERY_AFTER_BANNER = Duration.ofSeconds(10);
    private static final Pattern ADMIN_KEY = Pattern.compile("admin key: (\\S+)");
    private static final Pattern TENANT_KEY = Pattern.compile("export HOOKLANE_KEY=(\\S+)");
    private static final Pattern SECRET = Pattern.compile("\"secret\":\"(whsec_[^\"]+)\"");

    private final JsonHttp http = new JsonHttp().checkedAgainstServedDocuments();

    @Test
    void shouldKeepItsKeysAndDeliverWithinSecondsOfTheBannerAfterARestart(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("HOOKLANE_DATA_DIR", dir.resolve("data").toString(),
                "HOOKLANE_LOCAL_KAFKA_PORT", Integer.toString(freePorts(2)),
                "HOOKLANE_LOCAL_API_PORT", Integer.toString(freePorts(4)),
                "HOOKLANE_LOCAL_RECEIVER_PORT", Integer.toString(freePorts(1)));
        String api = "http://127.0.0.1:" + env.get("HOOKLANE_LOCAL_API_PORT");
        String ingest = "http://127.0.0.1:" + (Integer.parseInt(env.get("HOOKLANE_LOCAL_API_PORT")) + 1);
        String receiver = "http://127.0.0.1:" + env.get("HOOKLANE_LOCAL_RECEIVER_PORT");

        String adminKey;
        String tenantKey;
        try (ServiceProcess first = localStack(env, dir.resolve("first.log"))) {
            String banner = awaitBanner(first);
            adminKey = find(ADMIN_KEY, banner);
            tenantKey = find(TENANT_KEY, banner);
            // Step 1 of the walkthrough, as printed: the demo receiver with the demo secret.
            JsonHttp.Answer subscribed = http.post(api + "/v1/subscriptions", tenantKey, "{\"url\":\"" + receiver
                    + "/webhooks?our-reference=1232323\",\"eventTypes\":[\"reportCreated\"],\"format\":\"event-payload\",\"secret\":\""
                    + find(SECRET, banner) + "\"}");
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
            postEvent(ingest, tenantKey, "evt-first-run");
            await().atMost(Duration.ofSeconds(60)).until(() -> log(first).contains("signature verified with the demo secret"));
            assertThat(log(first)).doesNotContain("SIGNATURE DOES NOT VERIFY");
            assertThat(first.stop(Duration.ofSeconds(60))).as(log(first)).isEqualTo(143);
        }

        try (ServiceProcess second = localStack(env, dir.resolve("second.log"))) {
            String banner = awaitBanner(second);
            assertThat(find(ADMIN_KEY, banner)).isEqualTo(adminKey);
            assertThat(find(TENANT_KEY, banner)).isEqualTo(tenantKey);
            postEvent(ingest, tenantKey, "evt-after-restart");
            await().atMost(DELIVERY_AFTER_BANNER).until(() -> log(second).contains("signature verified with the demo secret"));
            JsonHttp.Answer admin = http.get(api + "/v1/admin/tenants/" + LocalStackMain.TENANT + "/keys", adminKey);
            assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        }
    }

    private static ServiceProcess localStack(Map<String, String> env, Path log) {
        return ServiceProcess.of("local stack", LocalStackMain.class.getName(), env, List.of("-Xmx1g"), log).start();
    }

    private static String awaitBanner(ServiceProcess process) {
        await().atMost(START).until(() -> {
            assertThat(process.isAlive()).as("the local stack exited; log:%n%s", log(process)).isTrue();
            return log(process).contains("Ctrl-C stops everything.");
        });
        String log = log(process);
        return log.substring(log.indexOf("Hooklane is running"));
    }

    private void postEvent(String ingest, String tenantKey, String id) {
        JsonHttp.Answer posted = http.post(ingest + "/v1/events", tenantKey,
                "{\"id\":\"" + id + "\",\"type\":\"reportCreated\",\"data\":{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"NEW\"}}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher.group(1);
    }

    private static String log(ServiceProcess process) {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            return "";
        }
    }

    /** The first of {@code count} consecutive free ports. */
    private static int freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket socket = new ServerSocket(0)) {
                first = socket.getLocalPort();
            }
            if (first + count < 65_000 && allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
