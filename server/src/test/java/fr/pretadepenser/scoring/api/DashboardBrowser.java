package fr.pretadepenser.scoring.api;

import org.apache.commons.io.FileUtils;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * One headless Debian Chromium, driven by Debian's chromedriver (both installed by {@code .ci/run}), shared by the
 * dashboard's test classes of a run and pointed at the shared {@link TestServer}. The driver's path is set
 * explicitly so that Selenium Manager never tries to download a browser or driver.
 */
final class DashboardBrowser {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";
    /** Where screenshots go: {@code -Ddashboard.screenshots=DIR} (the README's docs/screenshots), else target/. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("dashboard.screenshots", "target/screenshots"));

    private static DashboardBrowser shared;

    final ChromeDriver driver;
    final TestServer server;
    private int loads;
    private String axe;

    private DashboardBrowser(ChromeDriver driver, TestServer server) {
        this.driver = driver;
        this.server = server;
    }

    static synchronized DashboardBrowser get() throws Exception {
        if (shared == null) {
            TestServer server = TestServer.get();
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1400", "--lang=fr-FR");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            // One hook for both, in this order: Chromium writes into its profile until it quits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                driver.quit();
                FileUtils.deleteQuietly(profile.toFile());
            }));
            shared = new DashboardBrowser(driver, server);
        }
        return shared;
    }

    /**
     * Loads the dashboard afresh at a page (e.g. {@code #/portfolio}) in French, the default language, signed in
     * as the advisor unless {@code signedIn} is false.
     */
    void open(String hash) {
        open(hash, true);
    }

    void open(String hash, boolean signedIn) {
        driver.get(server.base() + "/?load=" + (++loads) + "#/signin");
        js("localStorage.setItem('lang', 'fr');");
        if (signedIn) {
            // The session cookie is HttpOnly: sign in through the API from the page, as the sign-in form does.
            js("return fetch('/api/v1/session', {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({name: 'anna', password: arguments[0]})}).then(r => r.status);",
                    TestServer.PASSWORD);
        } else {
            js("return fetch('/api/v1/session', {method: 'DELETE', credentials: 'same-origin'}).then(r => r.status);");
        }
        driver.get(server.base() + "/?load=" + (++loads) + hash);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement waitFor(String css) {
        try {
            return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(css + " never showed on " + driver.getCurrentUrl() + "; main: "
                    + js("return document.getElementById('main').innerText;") + "; browser log: "
                    + driver.manage().logs().get("browser").getAll(), e);
        }
    }

    <T> T until(Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    /** Waits until the page has drawn its charts (ECharts loaded and every chart box holds a canvas). */
    void chartsDrawn() {
        try {
            until(d -> Boolean.TRUE.equals(js("const charts = [...document.querySelectorAll('.chart')];"
                    + " return charts.length === 0 || !!window.echarts && charts.every(c => c.querySelector('canvas'));")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("charts not drawn: " + js("return (window.echarts ? 'echarts loaded; ' : 'no echarts; ')"
                    + " + [...document.querySelectorAll('.chart')].map(c => c.id + (c.querySelector('canvas') ? ' drawn' : ' empty'))"
                    + ".join(', ');") + "; browser log: " + driver.manage().logs().get("browser").getAll(), e);
        }
    }

    /** The violations of impact serious or critical that axe-core finds on the page, as readable lines. */
    String seriousViolations() throws IOException {
        if (axe == null) {
            try (InputStream in = DashboardBrowser.class.getResourceAsStream("axe.min.js")) {
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        js(axe);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' '))"
                + ".slice(0, 5).join(', ')).join('\\n'))).catch(e => done('axe failed: ' + e));");
        return (String) result;
    }

    /** Saves a screenshot of the viewport as {@code name.png}. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
