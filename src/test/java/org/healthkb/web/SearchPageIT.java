package org.healthkb.web;

import io.javalin.Javalin;
import org.healthkb.KnowledgeBase;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search page in real headless Chromium (Debian's chromium and chromium-driver, never a
 * downloaded browser). Skipped, saying why, where they are not installed; {@code .ci/run} installs them.
 */
class SearchPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** A question the test server answers slowly, as a loaded server might answer an early keystroke. */
    private static final String SLOW_QUESTION = "keta";
    /** How often each question reached /api/search. */
    private static final Map<String, Integer> SEARCHES = new ConcurrentHashMap<>();

    @TempDir
    static Path temp;
    static KnowledgeBase kb;
    static Javalin app;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        kb = TestKnowledgeBase.indexed(TestCorpus.REAL, temp.resolve("index"));
        TestKnowledgeBase.awaitSuggestions(kb, "dose");
        app = WebServer.create(kb, config -> {
            config.routes.before("/api/search", ctx -> {
                String q = ctx.queryParam("q");
                SEARCHES.merge(q, 1, Integer::sum);
                if (SLOW_QUESTION.equals(q)) {
                    Thread.sleep(1500); // answered after the question typed on from it
                }
            });
            config.routes.before("/api/providers", ctx -> {
                if (ctx.queryParams("trdSuitability").contains("Limited")) {
                    Thread.sleep(1500); // answered after the choice that replaced it
                }
            });
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(temp, "chromium"), "--window-size=1200,900");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop();
        }
        if (kb != null) {
            kb.close();
        }
    }

    @BeforeEach
    void home() {
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(base + "/");
    }

    /** Waits up to 10 s; an element the page re-rendered under a read is looked up again, not an error. */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void ask(String question) {
        WebElement box = browser.findElement(By.id("q"));
        box.clear();
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
        waiting().until(d -> d.findElement(By.id("status")).getText().matches(".*(found|Nothing matched).*"));
    }

    @Test
    void typingSuggestsAndEnterShowsHighlightedResultsThatOpenTheGuideAtThePassage() {
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("dose");
        waiting().until(d -> !d.findElements(By.cssSelector("#suggestions option")).isEmpty());
        List<String> suggestions = browser.findElements(By.cssSelector("#suggestions option")).stream()
                .map(o -> o.getAttribute("value")).toList();
        assertTrue(suggestions.contains("Why Dose Flexibility Is Critical for TRD"), suggestions.toString());

        ask("glutamate receptor");
        WebElement first = browser.findElement(By.cssSelector("#results .hit"));
        assertEquals("At-Home Ketamine Therapy for Treatment-Resistant Depression", first.findElement(By.className("hit-guide")).getText());
        assertEquals("Why Ketamine Works for TRD", first.findElement(By.className("breadcrumb")).getText());
        assertEquals("glutamate", first.findElement(By.cssSelector(".snippet mark")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/?q=glutamate+receptor") || browser.getCurrentUrl().endsWith("/?q=glutamate%20receptor"));

        first.findElement(By.className("hit-link")).click();
        waiting().until(ExpectedConditions.urlContains("/guides/treatment-resistant-depression#why-ketamine-works-for-trd-1"));
        WebElement passage = waiting().until(d -> d.findElement(By.id("why-ketamine-works-for-trd-1")));
        waiting().until(d -> passage.getAttribute("class").contains("arrived"));
        String background = passage.getCssValue("background-color");
        assertFalse(background.equals("rgba(0, 0, 0, 0)"), "the passage is visibly marked: " + background);
        assertTrue(passage.getText().contains("glutamate system"));
    }

    private String firstBreadcrumb() {
        return waiting().until(d -> d.findElement(By.cssSelector("#results .hit .breadcrumb")).getText());
    }

    private void typeSlowly(String text) throws InterruptedException {
        WebElement box = browser.findElement(By.id("q"));
        for (char c : text.toCharArray()) {
            box.sendKeys(String.valueOf(c));
            Thread.sleep(40);
        }
    }

    @Test
    void resultsFollowTheTypingWithoutEnterAndTheUrlKeepsTheQuestion() throws InterruptedException {
        typeSlowly("glutamate receptor");
        waiting().until(d -> d.getCurrentUrl().endsWith("/?q=glutamate%20receptor"));
        waiting().until(d -> !d.findElements(By.cssSelector("#results .hit")).isEmpty());
        assertEquals("Why Ketamine Works for TRD", firstBreadcrumb());
        assertEquals(null, SEARCHES.get("g"), "one letter is not a question yet");
        assertTrue(SEARCHES.getOrDefault("glutamate", 0) + SEARCHES.getOrDefault("glutamate receptor", 0) >= 1);

        int before = SEARCHES.get("glutamate receptor");
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys(" ");
        box.sendKeys(Keys.BACK_SPACE);
        box.sendKeys(" ");
        Thread.sleep(600);
        box.sendKeys(Keys.ENTER);
        Thread.sleep(300);
        assertEquals(before, SEARCHES.get("glutamate receptor"), "the same question is not asked again");
    }

    @Test
    void aSlowAnswerToAnEarlierKeystrokeNeverReplacesTheNewerResults() throws InterruptedException {
        typeSlowly(SLOW_QUESTION);
        Thread.sleep(400); // the page asks about "keta"; the server takes 1.5 s to answer
        typeSlowly("mine dose cap");
        waiting().until(d -> d.getCurrentUrl().endsWith("/?q=ketamine%20dose%20cap"));
        String shown = firstBreadcrumb();
        Thread.sleep(1800); // the answer about "keta" has come and gone
        assertEquals(1, SEARCHES.get(SLOW_QUESTION), "the early keystroke was asked");
        assertEquals(shown, firstBreadcrumb());
        assertTrue(browser.getCurrentUrl().endsWith("/?q=ketamine%20dose%20cap"), browser.getCurrentUrl());
        assertEquals("ketamine dose cap", browser.findElement(By.id("q")).getAttribute("value"));
    }

    @Test
    void backAndForwardMoveBetweenQuestionsAndTheirResults() throws InterruptedException {
        ask("consultation fee");
        String feeFirst = firstBreadcrumb();
        WebElement box = browser.findElement(By.id("q"));
        box.clear();
        typeSlowly("glutamate receptor");
        waiting().until(d -> d.getCurrentUrl().endsWith("/?q=glutamate%20receptor"));
        waiting().until(d -> firstBreadcrumb().equals("Why Ketamine Works for TRD"));

        browser.navigate().back();
        waiting().until(d -> d.getCurrentUrl().endsWith("/?q=consultation%20fee"));
        waiting().until(d -> firstBreadcrumb().equals(feeFirst));
        assertEquals("consultation fee", browser.findElement(By.id("q")).getAttribute("value"));

        browser.navigate().forward();
        waiting().until(d -> firstBreadcrumb().equals("Why Ketamine Works for TRD"));
        assertEquals("glutamate receptor", browser.findElement(By.id("q")).getAttribute("value"));
    }

    @Test
    void aQuestionInOtherWordsFindsTheAnswerByMeaning() {
        // The answer speaks of combining ketamine "with other interventions"; BM25 alone ranks a table row first.
        ask("what helps besides medication");
        WebElement first = browser.findElement(By.cssSelector("#results .hit"));
        assertEquals("Combining Ketamine with Other Treatments for TRD", first.findElement(By.className("breadcrumb")).getText());
        assertTrue(first.findElement(By.className("hit-link")).getAttribute("href")
                .endsWith("#combining-ketamine-with-other-treatments-for-trd-1"));
    }

    @Test
    void anUnknownWordGetsDidYouMeanAndNonsenseAnEmptyState() {
        ask("ketamne");
        WebElement didYouMean = browser.findElement(By.id("did-you-mean"));
        assertTrue(didYouMean.isDisplayed());
        assertEquals("ketamine", didYouMean.findElement(By.className("suggestion")).getText());
        assertFalse(browser.findElements(By.cssSelector("#results .hit")).isEmpty());
        assertFalse(browser.findElement(By.id("missing")).isDisplayed(), "a corrected typo is not a missing word");

        ask("ketamine insurance");
        WebElement missing = browser.findElement(By.id("missing"));
        waiting().until(d -> missing.isDisplayed());
        assertEquals("insurance", missing.findElement(By.className("missing-word")).getText());

        ask("qqqqzzzz xxxyyy");
        assertTrue(browser.findElement(By.id("status")).getText().startsWith("Nothing matched"));
        assertTrue(browser.findElements(By.cssSelector("#results .hit")).isEmpty());
    }

    @Test
    void tickingAFacetFiltersProvidersAndKeepsTheOtherCounts() {
        waiting().until(d -> d.findElement(By.id("provider-status")).getText().equals("7 providers."));
        WebElement good = browser.findElement(By.cssSelector("#facet-trdSuitability input[value=Good]"));
        good.click();
        waiting().until(d -> d.findElement(By.id("provider-status")).getText().equals("2 providers."));
        List<String> names = browser.findElements(By.cssSelector("#provider-list h3")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Isha Health", "Mindbloom"), names);
        String counts = browser.findElement(By.id("facet-trdSuitability")).getText();
        assertTrue(counts.contains("Excellent (1)") && counts.contains("Moderate (3)"), counts);
        assertTrue(browser.findElement(By.cssSelector("#facet-trdSuitability input[value=Good]")).isSelected());
        String price = browser.findElement(By.id("facet-monthlyPrice")).getText();
        assertTrue(price.contains("Up to $150 (0)"), price);
    }

    @Test
    void aFacetTickedFromTheKeyboardKeepsTheFocusAndALateAnswerNeverReplacesANewerOne() throws InterruptedException {
        waiting().until(d -> d.findElement(By.id("provider-status")).getText().equals("7 providers."));
        WebElement good = browser.findElement(By.cssSelector("#facet-trdSuitability input[value=Good]"));
        good.sendKeys(Keys.SPACE);
        waiting().until(d -> d.findElement(By.id("provider-status")).getText().equals("2 providers."));
        assertTrue((Boolean) ((JavascriptExecutor) browser).executeScript("return document.activeElement === arguments[0];", good),
                "the ticked box keeps the focus");
        good.sendKeys(Keys.SPACE);
        waiting().until(d -> d.findElement(By.id("provider-status")).getText().equals("7 providers."));

        WebElement limited = browser.findElement(By.cssSelector("#facet-trdSuitability input[value=Limited]"));
        limited.click(); // answered 1.5 s late by the test server
        limited.click(); // untick at once: all seven, answered at once
        waiting().until(d -> d.findElement(By.id("provider-status")).getText().equals("7 providers."));
        Thread.sleep(1800);
        assertEquals("7 providers.", browser.findElement(By.id("provider-status")).getText());
        assertFalse(browser.findElement(By.cssSelector("#facet-trdSuitability input[value=Limited]")).isSelected());
    }

    @Test
    void thePageIsUsableAtPhoneWidthAndFromTheKeyboard() {
        browser.manage().window().setSize(new Dimension(375, 800));
        browser.get(base + "/");
        ask("consultation fee");
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "no sideways scrolling at phone width, overflow " + overflow + "px");
        WebElement link = browser.findElement(By.cssSelector("#results .hit-link"));
        link.sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("/guides/treatment-resistant-depression#"));
    }
}
