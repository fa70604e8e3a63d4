package dev.hooklane.local.portal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver: one browser for all the portal tests of
 * this JVM. The flags keep Chromium off the network (the machines running the tests have none).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** @param screenshots where {@link #screenshot} writes */
    static Browser start(Path screenshots) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the portal's browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (bin/test installs them when it can)");
        }
        try {
            Path profile = Files.createTempDirectory("portal-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1300", "--lang=en-GB");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 1300));
            return new Browser(driver, profile, Files.createDirectories(screenshots));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** The element once it is shown. */
    WebElement shown(By by) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(by), WebElement::isDisplayed);
    }

    /** The element's text once {@code condition} holds for it. */
    String awaitText(By by, java.util.function.Predicate<String> condition) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(by).getText(), condition);
    }

    /** Waits until {@code condition} holds, reloading the page between tries (for data that arrives later). */
    void awaitAfterReloads(Supplier<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (condition.get()) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves the viewport as {@code name}.png, for the documentation. */
    void screenshot(String name) {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
