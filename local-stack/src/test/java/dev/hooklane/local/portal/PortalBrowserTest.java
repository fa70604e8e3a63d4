package dev.hooklane.local.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.local.LocalStack;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The customer portal in a real browser against the whole local stack: the page creates endpoints,
 * sends test events through the pipeline to a real receiver and shows their attempts, rotates
 * secrets, replays dead letters, lives in a frame, and shows one customer nothing of another's.
 * One stack and one browser serve every test; each test has a customer (a portal scope) of its own.
 * Screenshots of the main screens go to {@code portal.screenshots} (default target/portal-screenshots).
 */
@Tag("kafka")
class PortalBrowserTest {

    private static final String ADMIN_KEY = "admin-key-for-portal-tests";
    private static final JsonHttp HTTP = new JsonHttp().checkedAgainstServedDocuments();
    private static LocalStack stack;
    private static ScriptableReceiver receiver;
    private static Browser browser;
    private static String tenantKey;

    @BeforeAll
    static void start() throws IOException {
        receiver = ScriptableReceiver.start();
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("portalui"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        stack = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", 0, ADMIN_KEY, Files.createTempDirectory("portal-router")));
        await().atMost(Duration.ofSeconds(60)).until(() -> HTTP.get(stack.routerUrl() + "/ready", null).status() == 200);
        JsonNode tenant = json(HTTP.post(stack.apiUrl() + "/v1/admin/tenants", ADMIN_KEY, "{\"id\":\"acme\",\"name\":\"Acme\"}"));
        tenantKey = tenant.at("/apiKey/key").asText();
        browser = Browser.start(Path.of(System.getProperty("portal.screenshots", "target/portal-screenshots")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The answer's JSON, once it is a success. */
    private static JsonNode json(JsonHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        return answer.json();
    }

    /** A portal session for one customer: its subscriptions carry customer=<id>, and it receives only its own events. */
    private static JsonNode session(String customer) {
        return json(HTTP.post(stack.apiUrl() + "/v1/portal-sessions", tenantKey, """
                {"name":"%s","scope":{"metadata":{"customer":"%s"},"eventTypes":["reportCreated","reportStateChanged","NewCustomer"],
                 "filter":[{"attribute":"data.customerId","values":["%s"]}]}}""".formatted(customer, customer, customer)));
    }

    /** Creates an endpoint through the page, by keyboard, and answers its id and the secret shown once. */
    private static String[] createEndpoint(String url, String name) {
        browser.open(browser.driver().getCurrentUrl().replaceAll("#.*", "") + "#/endpoints/new");
        WebElement urlField = browser.shown(By.id("url"));
        urlField.sendKeys(url);
        browser.shown(By.id("name")).sendKeys(name);
        WebElement reportCreated = browser.shown(By.cssSelector("input[name=eventTypes][value=reportCreated]"));
        reportCreated.sendKeys(Keys.SPACE);
        assertThat(reportCreated.isSelected()).as("a checkbox ticks with the space bar").isTrue();
        urlField.sendKeys(Keys.ENTER);
        String secret = browser.shown(By.id("secret-value")).getText();
        browser.shown(By.id("open-endpoint")).sendKeys(Keys.ENTER);
        browser.awaitText(By.cssSelector("main h1"), name::equals);
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/endpoints/", "");
        return new String[] {id, secret};
    }

    private static ReceivedRequest awaitRequest(String path, String messageId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests(path).stream()
                .filter(request -> request.webhookId().equals(messageId)).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void shouldCreateAnEndpointSendATestEventSeeItsAttemptAndRotateTheSecret() {
        receiver.always("/portal/alpha", Behaviour.ok());
        browser.open(session("alpha").get("url").asText());
        browser.awaitText(By.cssSelector("main h1"), "Endpoints"::equals);

        String[] created = createEndpoint(receiver.url("/portal/alpha"), "Alpha orders");
        assertThat(created[1]).startsWith("whsec_");
        browser.shown(By.id("send-test")).click();
        String status = browser.awaitText(By.id("test-status"), text -> text.contains("success"));
        assertThat(status).contains("HTTP 200");
        assertThat(browser.shown(By.id("endpoint-chart")).getText()).as("the chart counts the test's attempt").contains("1 succeeded, 0 failed");
        String messageId = browser.shown(By.cssSelector("#attempts tr.highlight")).getAttribute("data-job");
        ReceivedRequest delivered = awaitRequest("/portal/alpha", messageId);
        assertThat(delivered.signatureVerifies(WebhookSecret.parse(created[1]))).as("signed with the secret the page showed").isTrue();
        browser.screenshot("endpoint");

        browser.shown(By.id("rotate-secret")).click();
        String rotated = browser.awaitText(By.id("secret-value"), text -> text.startsWith("whsec_") && !text.equals(created[1]));
        browser.screenshot("secret-rotated");
        browser.shown(By.id("send-test")).click();
        browser.awaitText(By.id("test-status"), text -> text.contains("success"));
        String second = browser.shown(By.cssSelector("#attempts tr.highlight")).getAttribute("data-job");
        ReceivedRequest afterRotation = awaitRequest("/portal/alpha", second);
        assertThat(afterRotation.signatureVerifies(WebhookSecret.parse(rotated))).as("the new secret signs").isTrue();
        assertThat(afterRotation.signatureVerifies(WebhookSecret.parse(created[1]))).as("the old one still signs during the overlap").isTrue();

        browser.shown(By.id("nav-endpoints")).click();
        browser.awaitText(By.id("endpoints"), text -> text.contains("Alpha orders"));
        browser.awaitAfterReloads(() -> browser.pageText().contains("2 succeeded"));
        browser.screenshot("endpoints");
    }

    @Test
    void shouldReplayADeadLetterOnceTheEndpointIsEnabledAgain() {
        receiver.script("/portal/beta", Behaviour.status(410));
        receiver.always("/portal/beta", Behaviour.ok());
        browser.open(session("beta").get("url").asText());
        String[] created = createEndpoint(receiver.url("/portal/beta"), "Beta CRM");

        browser.shown(By.id("send-test")).click();
        browser.awaitText(By.id("test-status"), text -> text.contains("dlq"));
        browser.awaitAfterReloads(() -> browser.all(By.cssSelector("#dead-letters button.replay")).size() == 1
                && browser.pageText().contains("Disabled"));
        String jobId = browser.shown(By.cssSelector("#dead-letters tbody tr")).getAttribute("data-job");
        browser.screenshot("dead-letters");

        browser.shown(By.id("toggle-enabled")).click();
        browser.awaitText(By.id("endpoint-state"), "Enabled"::equals);
        browser.shown(By.cssSelector("#dead-letters button.replay")).click();
        browser.awaitText(By.id("replay-status"), text -> text.contains("Replayed " + jobId));

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests("/portal/beta").stream().filter(r -> r.webhookId().equals(jobId)).count() == 2);
        browser.awaitAfterReloads(() -> browser.all(By.cssSelector("#attempts tr[data-job='" + jobId + "']")).stream()
                .anyMatch(row -> row.getText().contains("success")));
        assertThat(json(HTTP.get(stack.apiUrl() + "/v1/subscriptions/" + created[0], tenantKey)).get("enabled").asBoolean()).isTrue();
    }

    @Test
    void shouldShowOneCustomerNothingOfAnotherCustomersEndpoints() {
        JsonNode gamma = session("gamma");
        JsonHttp.Answer theirs = HTTP.post(stack.apiUrl() + "/portal/api/endpoints", gamma.get("token").asText(),
                "{\"url\":\"" + receiver.url("/portal/gamma-secret") + "\",\"eventTypes\":[\"reportCreated\"],\"name\":\"Gamma private\"}");
        String gammaId = json(theirs).get("id").asText();
        browser.open(session("delta").get("url").asText());
        browser.awaitText(By.cssSelector("main h1"), "Endpoints"::equals);

        assertThat(browser.pageText()).doesNotContain("Gamma private", "gamma-secret");
        browser.open(browser.driver().getCurrentUrl().replaceAll("#.*", "") + "#/endpoints/" + gammaId);
        browser.awaitText(By.cssSelector("main h1"), "Not found"::equals);
        assertThat(browser.pageText()).doesNotContain("Gamma private", "gamma-secret");
        assertThat(json(HTTP.get(stack.apiUrl() + "/v1/subscriptions/" + gammaId, tenantKey)).get("name").asText())
                .isEqualTo("Gamma private");
    }

    @Test
    void shouldShowTheCatalogWithDescriptionsAndSamplesInsideAFrame() throws IOException {
        String link = session("epsilon").get("url").asText();
        byte[] host = ("<!doctype html><title>Acme app</title><h1>Acme app</h1>"
                + "<iframe id=portal title=Webhooks width=1200 height=800 src=\"" + link + "\"></iframe>").getBytes(StandardCharsets.UTF_8);
        HttpServer tenantSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tenantSite.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, host.length);
            exchange.getResponseBody().write(host);
            exchange.close();
        });
        tenantSite.start();
        try {
            browser.open("http://127.0.0.1:" + tenantSite.getAddress().getPort() + "/");
            showCatalogInFrame();
        } finally {
            tenantSite.stop(0);
        }
    }

    private static void showCatalogInFrame() {
        browser.driver().switchTo().frame(browser.shown(By.id("portal")));
        browser.awaitText(By.cssSelector("main h1"), "Endpoints"::equals);
        browser.shown(By.id("nav-event-types")).click();
        browser.awaitText(By.cssSelector("main h1"), "Event types"::equals);

        List<String> types = browser.all(By.cssSelector("#event-types h2")).stream().map(WebElement::getText).toList();
        assertThat(types).containsExactlyInAnyOrder("reportCreated", "reportStateChanged", "NewCustomer");
        WebElement samples = browser.shown(By.cssSelector("#event-types li:first-child details.samples summary"));
        samples.sendKeys(Keys.ENTER);
        assertThat(browser.shown(By.cssSelector("#event-types li:first-child details.samples pre")).getText()).contains("{");
        browser.driver().switchTo().defaultContent();
        browser.screenshot("event-types-embedded");
    }
}
