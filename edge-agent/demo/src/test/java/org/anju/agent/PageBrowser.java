package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.anju.bridge.testing.ChineseText;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Debian's headless Chromium as a person's browser on the park's pages, in Chinese or English:
 * sign in, find what shows, keep screenshots at a phone's and a wall screen's size
 * ({@code target/screenshots}, kept as build artefacts), run axe-core over what shows, catch English
 * words on a Chinese page, and check at the end that every answer carried the security headers.
 */
final class PageBrowser implements AutoCloseable {
    static final Dimension PHONE = new Dimension(360, 780);
    static final Dimension WALL = new Dimension(1920, 1080);
    private static final Path SHOTS = Path.of("target", "screenshots");

    /** The page's language, as the browser asks for it and as the pages' own switch keeps it. */
    enum Lang {
        ZH("zh-CN", "zh"), EN("en-US", "en");

        final String browser;
        final String page;

        Lang(String browser, String page) {
            this.browser = browser;
            this.page = page;
        }
    }

    final ChromeDriver driver;
    final Lang lang;
    private final String origin;

    PageBrowser(String origin, Lang lang) throws Exception {
        this.origin = origin;
        this.lang = lang;
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=" + lang.browser,
                "--autoplay-policy=no-user-gesture-required");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang.browser));
        // the network log carries every response's headers; the browser log any policy the page broke
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL", "browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    /** Opens a page of the park ("tenant.html", "console.html#..."), at the given size. */
    void open(String page, Dimension size) {
        driver.manage().window().setSize(size);
        driver.get(origin + "/" + page);
    }

    WebElement find(String css) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> driver.findElement(By.cssSelector(css)).isDisplayed());
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Opens {@code page} at the window's size and signs in with the form, waiting for the signed-in part to show. */
    void signIn(String page, String login, String password) {
        driver.get(origin + "/" + page);
        find("#login").sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#signin button[type=submit]")).click();
        find("#app");
    }

    /** Screenshots of what shows now at a phone's and a wall screen's size: NAME-LANG-WIDTH.png. */
    void shoot(String name) throws Exception {
        Dimension before = driver.manage().window().getSize();
        for (Dimension size : new Dimension[] {PHONE, WALL}) {
            driver.manage().window().setSize(size);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SHOTS.resolve(name + "-" + lang.page + "-" + size.getWidth() + ".png"), png);
        }
        driver.manage().window().setSize(before);
    }

    /**
     * axe-core over the page as it shows now (WCAG 2.1 A and AA rules): no serious or critical
     * violation, each named with where it is when there is one.
     */
    void assertAccessible(String what) throws Exception {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(Files.readString(Path.of(System.getProperty("anju.axe", "target/axe/package/axe.min.js"))));
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },"
                        + " resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
        assertThat(String.valueOf(result)).as("axe-core ran").doesNotStartWith("error");
        List<String> serious = new ArrayList<>();
        for (Object o : new JsonArray(String.valueOf(result))) {
            JsonObject v = (JsonObject) o;
            if ("serious".equals(v.getString("impact")) || "critical".equals(v.getString("impact"))) {
                List<String> where = new ArrayList<>();
                v.getJsonArray("nodes").forEach(n -> where.add(((JsonObject) n).getJsonArray("target").encode()
                        + " " + ((JsonObject) n).getString("failureSummary", "").replace('\n', ' ')));
                serious.add(v.getString("id") + " (" + v.getString("impact") + "): " + v.getString("help") + " at " + where);
            }
        }
        assertThat(serious).as("serious or critical accessibility violations on %s in %s", what, lang).isEmpty();
    }

    /** The QR code in what an element shows, read as a phone's camera app would (ZXing). */
    String readQrCode(String css) throws Exception {
        js("arguments[0].scrollIntoView({block: 'center'})", find(css)); // whole, as a camera sees it
        byte[] png = find(css).getScreenshotAs(OutputType.BYTES);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
        return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText();
    }

    /** On a Chinese page: no English word shows beyond names, units, ids and the {@code names} given. */
    void assertNoEnglishShows(String what, String... names) {
        if (lang != Lang.ZH) {
            return;
        }
        String shown = driver.findElement(By.tagName("body")).getText();
        assertThat(ChineseText.englishWords(shown, Set.of(names))).as("English words on %s in Chinese:%n%s", what, shown).isEmpty();
    }

    /** What the page keeps on the device under {@code key}. */
    Object kept(String key) {
        return js("return localStorage.getItem(arguments[0])", key);
    }

    /**
     * Every response the pages received from the park (pages, scripts, styles, the API, the
     * stream) carried the security headers, API answers were not to be cached, and the browser
     * reported no Content-Security-Policy violation (no inline script, no inline style attribute).
     */
    void assertEveryResponseCarriedTheSecurityHeadersAndNoPolicyWasBroken() {
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (var entry : driver.manage().logs().get("performance")) {
            JsonObject message = new JsonObject(entry.getMessage()).getJsonObject("message");
            if (!"Network.responseReceived".equals(message.getString("method"))) {
                continue;
            }
            JsonObject response = message.getJsonObject("params").getJsonObject("response");
            String url = response.getString("url");
            if (!url.startsWith(origin)) {
                continue;
            }
            seen++;
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.getJsonObject("headers").forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
            String csp = headers.getOrDefault("Content-Security-Policy", "");
            if (!csp.contains("script-src 'self'") || !csp.contains("frame-ancestors 'none'") || csp.contains("unsafe-inline")
                    || !"nosniff".equals(headers.get("X-Content-Type-Options"))
                    || !"no-referrer".equals(headers.get("Referrer-Policy"))
                    || url.contains("/api/") && !"no-store".equals(headers.get("Cache-Control"))) {
                wrong.add(url + " " + headers);
            }
        }
        assertThat(seen).as("responses from the park seen by the browser").isGreaterThan(3);
        assertThat(wrong).isEmpty();
        assertThat(driver.manage().logs().get("browser").getAll()).as("the browser's console")
                .noneMatch(e -> e.getMessage().contains("Content Security Policy"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
