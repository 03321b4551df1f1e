package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.anju.agent.demo.DemoMain;

/**
 * {@code anju demo} as its own process, the way a newcomer runs it: the day plays with every step
 * as expected, the pages are served, and SIGTERM (what Ctrl-C sends the JVM's hooks) stops
 * everything, leaving no port open behind.
 */
@Tag("peer")
@Tag("process")
class DemoProcessTest {
    private static final Pattern CONSOLE = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/console\\.html");

    @Test
    void theDemoPlaysItsDayServesThePagesAndStopsCleanly() throws Exception {
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DemoMain.class.getName(), "--speed", "60")
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            try {
                await().atMost(Duration.ofMinutes(4)).until(() -> lines.stream().anyMatch(l -> l.contains("still running"))
                        || !demo.isAlive());
            } catch (org.awaitility.core.ConditionTimeoutException late) {
                throw new AssertionError("the day did not end within 4 minutes; the demo said:\n" + String.join("\n", lines), late);
            }
            List<String> steps = lines.stream().filter(l -> l.contains("✓") || l.contains("✗")).toList();
            assertThat(steps).as(String.join("\n", lines)).hasSize(26).allMatch(l -> l.contains("✓"));
            assertThat(lines).anyMatch(l -> l.contains("26 of 26 steps as expected"))
                    .anyMatch(l -> l.contains("login admin / anju demo "));
            assertThat(steps).anyMatch(l -> l.startsWith("09:10") && l.contains("held by the current lease of room 301"))
                    .anyMatch(l -> l.startsWith("12:30") && l.contains("her card 3:1003 is refused at the entrance"))
                    .anyMatch(l -> l.startsWith("17:00") && l.contains("opened once") && l.contains("no uses left"))
                    .anyMatch(l -> l.startsWith("21:35") && l.contains("released the fire's holds"))
                    .anyMatch(l -> l.startsWith("21:40") && l.contains("#charge=b07/pile-1/5"));
            int port = lines.stream().map(CONSOLE::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1)))
                    .findFirst().orElseThrow();
            assertThat(listening(port)).isTrue();
            consoleLoadsInChromium(port);

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("stopped by the signal").isTrue();
            assertThat(listening(port)).as("the pages' port is released").isFalse();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** As a newcomer would: the printed console address in headless Chromium, signed in, building 7's ports shown. */
    private static void consoleLoadsInChromium(int port) {
        var options = new org.openqa.selenium.chrome.ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        var service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        org.openqa.selenium.WebDriver browser = new org.openqa.selenium.chrome.ChromeDriver(service, options);
        try {
            browser.get("http://127.0.0.1:" + port + "/console.html");
            browser.findElement(org.openqa.selenium.By.id("login")).sendKeys("officer-li");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("officer-li demo password");
            browser.findElement(org.openqa.selenium.By.cssSelector("#signin button[type=submit]")).click();
            // the day ends with the fire over and the shed restored: the ports are on the console, pile-2's held for its heat
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser
                    .findElements(org.openqa.selenium.By.cssSelector("#piles button.port")).size() >= 20
                    && !browser.findElements(org.openqa.selenium.By.cssSelector("#piles button.port.held")).isEmpty());
        } finally {
            browser.quit();
        }
    }
}
