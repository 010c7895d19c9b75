package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guide whose text quotes markup, and whose HTML carries script handlers and a {@code javascript:}
 * link, reaches readers as text: in snippets (whose only tags are the highlighting's own), titles,
 * heading paths and the guide page. The guide is synthetic and lives in a temporary corpus.
 */
class MarkupAsTextTest {
    private static final String TITLE = "Synthetic <b>bold</b> guide";
    private static final String HEADING = "Synthetic <img src=x onerror=alert(1)> heading";
    private static final String GUIDE = TestCorpus.syntheticGuide("Synthetic &lt;b&gt;bold&lt;/b&gt; guide", """
            <h2 id="markup">Synthetic &lt;img src=x onerror=alert(1)&gt; heading</h2>
            <p>Synthetic zebrafish paragraph quoting markup as text: &lt;script&gt;alert('xss')&lt;/script&gt; and a literal &lt;mark&gt;tag&lt;/mark&gt; for the test.</p>
            <p>Synthetic zebrafish paragraph with an image <img src="x.png" onerror="alert(2)"> and a <a href="javascript:alert(3)">javascript link</a> in it.</p>
            """);

    @TempDir
    static Path temp;
    static KnowledgeBase kb;

    @BeforeAll
    static void index() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        TestCorpus.write(corpus, "guides/synthetic-markup.html", GUIDE);
        kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index")), new FakeEmbedder());
        kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
    }

    @AfterAll
    static void close() throws Exception {
        kb.close();
    }

    @Test
    void snippetsTitlesAndHeadingPathsCarryMarkupAsText() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            JsonNode hits = WebServerTest.JSON.readTree(client.get("/api/search?q=synthetic+zebrafish+paragraph&mode=keyword")
                    .body().string()).get("hits");
            assertEquals(2, hits.size(), hits.toString());
            for (JsonNode hit : hits) {
                String snippet = hit.get("snippet").asText();
                List<String> tags = tagsIn(snippet);
                assertTrue(tags.contains("<mark>"), snippet);
                assertTrue(tags.stream().allMatch(tag -> tag.equals("<mark>") || tag.equals("</mark>")),
                        "the highlighting's are the only tags: " + snippet);
                assertEquals(TITLE, hit.get("guide").get("title").asText(), "the title as text, for the page to show as text");
                assertEquals(HEADING, hit.get("headingPath").get(1).asText());
            }
            String quoting = hits.findValuesAsText("snippet").stream().filter(s -> s.contains("quoting")).findFirst().orElseThrow();
            String shown = Jsoup.parseBodyFragment(quoting).text();
            assertTrue(shown.contains("<script>alert('xss')</script>"), "the quoted script is shown as text: " + quoting);
            assertTrue(shown.contains("<mark>tag</mark>"), "a literal <mark> is text, not highlighting: " + quoting);
        });
    }

    @Test
    void theGuidePageShowsQuotedMarkupAsTextAndDropsHandlersAndScriptLinks() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            Document page = Jsoup.parse(client.get("/guides/synthetic-markup").body().string());
            assertEquals(TITLE, page.selectFirst("article h1").text());
            assertEquals(HEADING, page.getElementById("markup").text());
            assertTrue(page.select("[onerror], [onclick], [onload]").isEmpty(), "no event handler attributes");
            for (Element link : page.select("a[href]")) {
                assertFalse(link.attr("href").toLowerCase().startsWith("javascript:"), link.outerHtml());
            }
            assertEquals(List.of("/static/guide.js"), page.select("script").eachAttr("src"), "no script but the page's own");
            assertTrue(page.select("article").text().contains("<script>alert('xss')</script>"), "the quoted script is text");
        });
    }

    private static List<String> tagsIn(String html) {
        List<String> tags = new ArrayList<>();
        Matcher m = Pattern.compile("<[^>]*>").matcher(html);
        while (m.find()) {
            tags.add(m.group());
        }
        return tags;
    }
}
