package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.healthkb.TestCorpus;
import org.healthkb.RealKnowledgeBase;
import org.healthkb.TestKnowledgeBase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RealKnowledgeBase REAL = new RealKnowledgeBase();

    static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.body().string());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }


    @Test
    void searchReturnsHighlightedPassagesWithDeepLinks() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            Response response = client.get("/api/search?q=" + encode("glutamate receptor") + "&limit=3");
            assertEquals(200, response.code());
            assertTrue(response.headers().get("Content-Type").getFirst().startsWith("application/json"));
            JsonNode body = json(response);
            assertEquals("glutamate receptor", body.get("query").asText());
            assertTrue(body.get("total").asInt() >= 1);
            assertTrue(body.has("tookMs"));
            assertTrue(body.get("didYouMean").isNull());
            assertEquals(0, body.get("missing").size());
            JsonNode hit = body.get("hits").get(0);
            assertEquals("treatment-resistant-depression#why-ketamine-works-for-trd-1", hit.get("id").asText());
            assertEquals("treatment-resistant-depression", hit.get("guide").get("slug").asText());
            assertEquals("/guides/treatment-resistant-depression#why-ketamine-works-for-trd-1", hit.get("url").asText());
            assertEquals("Why Ketamine Works for TRD", hit.get("headingPath").get(1).asText());
            assertTrue(hit.get("snippet").asText().contains("<mark>glutamate</mark>"));
            assertTrue(hit.get("text").asText().startsWith("Unlike traditional antidepressants"));
            assertTrue(hit.get("score").asDouble() > 0);
        });
    }

    @Test
    void searchSaysWhereItsTimeWentInServerTiming() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            Response response = client.get("/api/search?q=" + encode("ketamine dose"));
            String timing = response.headers().get("Server-Timing").getFirst();
            List<String> stages = new ArrayList<>();
            for (String entry : timing.split(", ")) {
                assertTrue(entry.matches("[a-z0-9]+;dur=\\d+\\.\\d{3}"), entry);
                stages.add(entry.substring(0, entry.indexOf(';')));
            }
            assertEquals(List.of("parse", "bm25", "embedding", "knn", "blend", "diversity", "stored", "snippets", "missing",
                    "json"), stages);
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/search                              | parameter 'q' is required
            /api/search?q=%20%20                     | parameter 'q' must be 1 to 500 characters after trimming, not 0
            /api/search?q=a&limit=0                  | parameter 'limit' must be between 1 and 50, not 0
            /api/search?q=a&limit=51                 | parameter 'limit' must be between 1 and 50, not 51
            /api/search?q=a&limit=ten                | parameter 'limit' must be a whole number, not 'ten'
            /api/search?q=a&offset=-1                | parameter 'offset' must be between 0 and 1000, not -1
            /api/search?q=a&offset=995&limit=10      | parameters 'offset' + 'limit' must be at most 1000, not 1005
            /api/search?q=a&q=b                      | parameter 'q' may be given only once
            /api/search?q=a&lmit=5                   | unknown parameter 'lmit'; this route takes [limit, mode, offset, q]
            /api/search?q=a&mode=fast                | unknown mode 'fast'; expected one of keyword, hybrid
            /api/search?q=a&mode=keyword&mode=hybrid | parameter 'mode' may be given only once
            /api/suggest                             | parameter 'q' is required
            /api/suggest?q=ke&limit=11               | parameter 'limit' must be between 1 and 10, not 11
            /api/providers?trdSuitability=Great      | unknown trdSuitability 'Great'; expected one of Excellent, Good, Moderate, Limited
            /api/providers?doseFlexibility=Huge      | unknown doseFlexibility 'Huge'; expected one of No cap, Per-session, Moderate, Standardized, Limited, Low, capped
            /api/providers?minSuitability=Best       | unknown minSuitability 'Best'; expected one of Excellent, Good, Moderate, Limited
            /api/providers?maxMonthlyPriceUsd=-5     | parameter 'maxMonthlyPriceUsd' must be a number of at least 0.0, not -5
            /api/providers?maxMonthlyPriceUsd=cheap  | parameter 'maxMonthlyPriceUsd' must be a number, not 'cheap'
            /api/providers?sort=cost                 | unknown sort 'cost'; expected one of relevance, name, price, suitability
            """)
    void invalidParametersAre400sNamingTheProblem(String url, String message) {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            Response response = client.get(url);
            assertEquals(400, response.code());
            JsonNode body = json(response);
            assertEquals("invalid_parameter", body.get("error").asText());
            assertEquals(message, body.get("message").asText());
        });
    }

    @Test
    void aQueryOfExactlyFiveHundredCharactersIsAcceptedAndOneMoreIsNot() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            assertEquals(200, client.get("/api/search?q=" + "k".repeat(500)).code());
            assertEquals(400, client.get("/api/search?q=" + "k".repeat(501)).code());
            assertEquals(200, client.get("/api/search?q=ketamine&offset=990&limit=10").code());
        });
    }

    @Test
    void strangeQuestionsNeverCauseAServerError() {
        List<String> questions = List.of("title:kalm^5 AND dose*", "\"unbalanced quote", "((((", "/.*/", "~~~", "\u0000\u0001",
                "\u0648\u0635\u0641", "\ud83d\udc8a pill", "a".repeat(300) + " " + "b".repeat(199), "-", "\\", "NOT", "*:*");
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            for (String q : questions) {
                Response response = client.get("/api/search?q=" + encode(q));
                assertTrue(response.code() == 200 || response.code() == 400, q + " -> " + response.code());
                assertTrue(json(response).isObject());
            }
        });
    }

    @Test
    void suggestCompletesFromHeadingsAndPhrases() {
        TestKnowledgeBase.awaitSuggestions(REAL.kb(), "flex");
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            JsonNode body = json(client.get("/api/suggest?q=flex"));
            List<String> suggestions = new ArrayList<>();
            body.get("suggestions").forEach(s -> suggestions.add(s.asText()));
            assertTrue(suggestions.contains("Why Dose Flexibility Is Critical for TRD"), suggestions.toString());
            assertTrue(suggestions.size() <= 10);
            assertEquals(3, json(client.get("/api/suggest?q=do&limit=3")).get("suggestions").size());
        });
    }

    @Test
    void providersAreFacetedWithDrillSidewaysCounts() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            JsonNode body = json(client.get("/api/providers?trdSuitability=Good&trdSuitability=Excellent&sort=name"));
            assertEquals(3, body.get("total").asInt());
            assertEquals("Isha Health", body.get("providers").get(0).get("name").asText());
            assertEquals("[{\"value\":\"Excellent\",\"count\":1},{\"value\":\"Good\",\"count\":2},"
                    + "{\"value\":\"Moderate\",\"count\":3},{\"value\":\"Limited\",\"count\":1}]",
                    body.get("facets").get("trdSuitability").toString());
            assertEquals(1, body.get("facets").get("monthlyPrice").get(1).get("count").asInt());
            JsonNode kalm = json(client.get("/api/providers?q=kalm")).get("providers").get(0);
            assertEquals(124.0, kalm.get("monthlyPriceUsd").asDouble());
            assertEquals(174.0, kalm.get("plans").get(1).get("priceUsd").asDouble());
        });
    }

    @Test
    void oneProviderByIdOr404() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            JsonNode joyous = json(client.get("/api/providers/joyous"));
            assertEquals("Low, capped", joyous.get("doseFlexibility").asText());
            assertTrue(joyous.get("monthlyPriceUsd").isNull());
            Response missing = client.get("/api/providers/nobody");
            assertEquals(404, missing.code());
            assertEquals("{\"error\":\"not_found\",\"message\":\"no provider with id 'nobody'\"}", missing.body().string());
        });
    }

    @Test
    void guidePagesCarryEveryAnchorSearchLinksTo() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            Document list = Jsoup.parse(client.get("/guides").body().string());
            assertEquals("/guides/treatment-resistant-depression", list.select("ul.guide-list a").attr("href"));
            Response response = client.get("/guides/treatment-resistant-depression");
            assertEquals(200, response.code());
            Document page = Jsoup.parse(response.body().string());
            assertEquals("At-Home Ketamine Therapy for Treatment-Resistant Depression", page.selectFirst("article h1").text());
            for (var passage : TestKnowledgeBase.indexOf(REAL.kb()).passagesFrom(java.util.Set.of(TestCorpus.GUIDE)).keySet()) {
                String anchor = passage.substring(passage.indexOf('#') + 1);
                assertNotNull(page.getElementById(anchor), anchor);
            }
            assertEquals("/static/guide.js", page.select("script").attr("src"));
        });
    }

    @Test
    void unknownPagesAndRoutesAre404s() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            Response guide = client.get("/guides/no-such-guide");
            assertEquals(404, guide.code());
            assertTrue(guide.body().string().contains("There is no guide at /guides/no-such-guide."));
            Response api = client.get("/api/nothing-here");
            assertEquals(404, api.code());
            assertEquals("not_found", json(api).get("error").asText());
            assertEquals(404, client.get("/nowhere").code());
        });
    }

    @Test
    void healthCountsWhatIsServed() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            JsonNode health = json(client.get("/api/health"));
            assertEquals("ok", health.get("status").asText());
            assertEquals(TestCorpus.realPassages(), health.get("passages").asInt());
            assertEquals(7, health.get("providers").asInt());
            assertEquals(1, health.get("guides").asInt());
            assertEquals("hybrid", health.get("defaultMode").asText());
        });
    }

    @Test
    void searchSaysWhichModeAnsweredAndKeywordModeRanksByWordsAlone() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            // The answer speaks of combining ketamine "with other interventions": only meaning connects them.
            String question = "/api/search?q=" + encode("what helps besides medication");
            JsonNode hybrid = json(client.get(question));
            assertEquals("hybrid", hybrid.get("mode").asText());
            assertTrue(hybrid.get("totalExact").asBoolean());
            assertEquals(TestCorpus.SLUG + "#combining-ketamine-with-other-treatments-for-trd-1",
                    hybrid.get("hits").get(0).get("id").asText());
            JsonNode keyword = json(client.get(question + "&mode=keyword"));
            assertEquals("keyword", keyword.get("mode").asText());
            assertEquals(hybrid.get("hits"), json(client.get(question + "&mode=hybrid")).get("hits"), "hybrid is the default");
            assertTrue(keyword.get("total").asInt() < hybrid.get("total").asInt(),
                    "meaning adds passages the words do not find: " + keyword.get("total") + " vs " + hybrid.get("total"));
        });
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCache() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            String url = "/api/search?q=" + encode("ketamine nasal spray") + "&limit=4";
            Response first = client.get(url);
            String firstBody = first.body().string();
            assertTrue(first.headers().get("Server-Timing").getFirst().startsWith("parse;dur="));
            Response again = client.get(url);
            assertTrue(again.headers().get("Server-Timing").getFirst().startsWith("cache;desc=hit;dur="));
            assertEquals(firstBody, again.body().string());
            Response otherPage = client.get(url + "&offset=4");
            assertTrue(otherPage.headers().get("Server-Timing").getFirst().startsWith("parse;dur="), "another page is another answer");
        });
    }

    @Test
    void pagesAreServedWithAStrictContentSecurityPolicyAndNoInlineScript() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            Response page = client.get("/");
            assertEquals(200, page.code());
            assertTrue(page.headers().get("Content-Security-Policy").getFirst().contains("script-src 'self'"));
            assertEquals("nosniff", page.headers().get("X-Content-Type-Options").getFirst());
            Document doc = Jsoup.parse(page.body().string());
            doc.select("script").forEach(s -> assertTrue(s.data().isBlank() && s.hasAttr("src"), s.outerHtml()));
            assertEquals(200, client.get("/static/app.js").code());
            assertEquals(200, client.get("/static/style.css").code());
            assertEquals(200, client.get("/static/guide.js").code());
        });
    }

    @Test
    void adminRoutesDoNotExistWithoutAToken() {
        JavalinTest.test(TestServers.create(REAL.kb()), (server, client) -> {
            assertEquals(404, client.post("/api/admin/reindex").code());
            assertEquals(404, client.get("/api/admin/status").code());
        });
    }
}
