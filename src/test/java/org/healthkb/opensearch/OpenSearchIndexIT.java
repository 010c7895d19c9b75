package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.SyntheticGuides;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.healthkb.content.Guide;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Passage;
import org.healthkb.content.TrdSuitability;
import org.healthkb.providers.ProviderQuery;
import org.healthkb.providers.ProviderResults;
import org.healthkb.providers.ProviderSort;
import org.healthkb.eval.JudgedQuestions;
import org.healthkb.search.Hit;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchResults;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.importer.ImportReport;
import org.healthkb.importer.ShrinkRefusedException;
import org.healthkb.index.Analyzers;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.healthkb.opensearch.OpenSearchClient.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importer writing to a real OpenSearch node: generations behind aliases, readers that never see
 * a half-import, failures that leave the served content alone, the importer's guards unchanged, and
 * analysis that matches the embedded index token for token. Synthetic corpora and a fake embedder,
 * except where the real guide's text is the point (analysis).
 */
class OpenSearchIndexIT {
    @RegisterExtension
    static final OpenSearchNode NODE = new OpenSearchNode();

    @TempDir
    Path temp;
    private String prefix;
    private OpenSearchClient client;

    @BeforeEach
    void ownPrefix(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        prefix = "it-" + name.substring(0, Math.min(30, name.length()));
        client = target().client();
    }

    @AfterEach
    void dropOwnIndexes() throws IOException {
        client.delete(prefix + "-*");
    }

    @Test
    void anImportWritesAGenerationAndAnEditMovesTheAliasesToANewOneKeepingTheRest() throws Exception {
        Path corpus = TestCorpus.synthetic(temp, 4, 6);
        try (KnowledgeBase kb = open(corpus)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            assertEquals(24, count("passages"));
            assertEquals(4, count("guides"));
            String first = servedIndex();

            TestCorpus.write(corpus, "guides/synthetic-1.html", TestCorpus.read(corpus, "guides/synthetic-1.html")
                    .replace("Synthetic test paragraph 0 of guide 1", "Synthetic test paragraph 0 of guide 1 quuxedited"));
            ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);

            assertEquals(1, report.passages().updated());
            assertEquals(7, report.documentsWritten(), "the edited guide and its six passages, nothing else");
            assertNotEquals(first, servedIndex(), "a new generation serves");
            assertEquals(6, indexes().size(), "the replaced generation stays a while for searches still running on it");
            assertEquals(24, count("passages"), "the other guides' passages came along in the clone");
            assertEquals(1, matches("quuxedited"));
            assertFalse(kb.reindexer().isStale(), "the generation's record matches the corpus");
        }
    }

    @Test
    void readersDuringAnImportSeeTheOldContentOrTheNewNeverAMix() throws Exception {
        Path corpus = TestCorpus.synthetic(temp, 10, 6);
        try (KnowledgeBase kb = open(corpus)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            for (int g = 0; g < 10; g++) {
                String file = "guides/synthetic-" + g + ".html";
                TestCorpus.write(corpus, file, TestCorpus.read(corpus, file).replace("shared words", "quuxmarked words"));
            }
            AtomicBoolean importing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            Set<String> seen = new TreeSet<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    while (importing.get() && reads.get() < 10_000) {
                        seen.add(count("passages") + " passages, " + matches("quuxmarked") + " marked");
                        reads.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            importing.set(false);
            reader.join();
            System.out.printf("OpenSearchIndexIT: %d reads during an import that edited every guide, 0 failed: %s%n",
                    reads.get(), seen);
            assertNull(failed.get(), () -> "a reader failed: " + failed.get());
            assertTrue(reads.get() >= 5, "readers read during the import: " + reads.get());
            assertTrue(Set.of("60 passages, 0 marked", "60 passages, 60 marked").containsAll(seen),
                    "only the old or the new content: " + seen);
            assertEquals(60, matches("quuxmarked"));
        }
    }

    @Test
    void aFailedWriteLeavesTheServedGenerationAsItWasAndNoTraceOfItsOwn() throws Exception {
        FakeEmbedder embedder = new FakeEmbedder();
        OpenSearchIndex index = OpenSearchIndex.open(target(), 0.9f, 0.4f, embedder.model(), Duration.ZERO);
        List<Guide> first = List.of(SyntheticGuides.guide(1, 3));
        index.apply(update(true, first, SyntheticGuides.vectors(first, embedder)));
        index.apply(update(true, first, SyntheticGuides.vectors(first, embedder)));
        String served = servedIndex();
        CommitRecord record = index.commitRecord();

        List<Guide> second = List.of(SyntheticGuides.guide(2, 3));
        Map<String, float[]> wrongLength = new HashMap<>();
        SyntheticGuides.vectors(second, embedder).forEach((text, v) -> wrongLength.put(text, new float[v.length + 1]));
        OpenSearchException refused = assertThrows(OpenSearchException.class,
                () -> index.apply(update(false, second, wrongLength)));

        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        assertEquals(served, servedIndex());
        assertEquals(record, index.commitRecord());
        assertEquals(3, count("passages"));
        assertEquals(Set.of(served, served.replace("-passages", "-guides"), served.replace("-passages", "-providers")),
                indexes(), "the failed generation was deleted, and so was the one replaced before it");
        assertTrue(client.get(served + "/_settings").elements().next().path("settings").path("index").path("blocks")
                .path("write").isMissingNode(), "the served generation takes writes again");
        index.apply(update(false, second, SyntheticGuides.vectors(second, embedder)));
        assertEquals(6, count("passages"), "and the next import goes through");
    }

    @Test
    void theShrinkGuardAndValidationKeepTheServedContent() throws Exception {
        Path corpus = TestCorpus.synthetic(temp, 6, 2);
        try (KnowledgeBase kb = open(corpus)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            String served = servedIndex();
            for (int g = 0; g < 4; g++) {
                Files.delete(corpus.resolve("guides/synthetic-" + g + ".html"));
            }
            ShrinkRefusedException shrink = assertThrows(ShrinkRefusedException.class,
                    () -> kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true));
            assertTrue(shrink.getMessage().contains("delete 8 of 12 passages"), shrink.getMessage());

            TestCorpus.write(corpus, "providers/broken.json", "{ \"id\": ");
            CorpusException invalid = assertThrows(CorpusException.class,
                    () -> kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true));
            assertTrue(invalid.problems().toString().contains("providers/broken.json"), invalid.problems().toString());
            assertEquals(served, servedIndex());
            assertEquals(12, count("passages"));
        }
    }

    @Test
    void aLargeImportIsSearchableByItsWordsFirstAndThenGetsEveryVector() throws Exception {
        Path corpus = TestCorpus.synthetic(temp, 30, 10);
        try (KnowledgeBase kb = open(corpus)) {
            List<Integer> searchableWithout = new ArrayList<>();
            CorpusReader.Progress progress = new CorpusReader.Progress() {
                @Override
                public void fileDone(int done, int total) {
                }

                @Override
                public void passagesSearchable(int passages, int withoutVectors) {
                    searchableWithout.add(withoutVectors);
                }
            };
            kb.reindexer().run(ImportOptions.INCREMENTAL, progress, true);
            assertEquals(List.of(300), searchableWithout, "all 300 passages were committed before their vectors");
            ObjectNode withVector = object();
            withVector.putObject("query").putObject("exists").put("field", Fields.VECTOR);
            assertEquals(300, client.post(prefix + "-passages/_count", withVector).path("count").asInt());
            assertEquals(0, kb.reindexer().passagesWithoutVectors());
        }
    }

    @Test
    void passagesAreAnalysedExactlyAsTheEmbeddedIndexAnalysesThem() throws Exception {
        try (KnowledgeBase kb = open(TestCorpus.REAL)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
        }
        Analyzer lucene = Analyzers.index();
        int compared = 0;
        for (Guide guide : new CorpusReader().read(TestCorpus.REAL).guides()) {
            for (Passage passage : guide.passages()) {
                String all = OpenSearchDocuments.passage(passage, guide.source(), null).path(Fields.ALL).asText();
                for (String field : List.of(Fields.ALL, Fields.SPELL)) {
                    assertEquals(tokens(lucene, field, all), analysed(field, all), field + " of " + passage.id());
                    compared++;
                }
            }
        }
        assertEquals(2 * TestCorpus.realPassages(), compared);
    }

    /**
     * Every judged question of the real guide, with misspellings and a quoted phrase added, answered
     * through OpenSearch as through the embedded index: the same passages in the same order with the
     * same scores (to float rounding), snippets, totals, did-you-mean and missing words.
     */
    @Test
    void everyQuestionIsAnsweredOnOpenSearchAsOnTheEmbeddedIndex() throws Exception {
        List<String> questions = new ArrayList<>(JudgedQuestions.load(TestCorpus.REAL.resolve("eval/questions.json"))
                .stream().map(JudgedQuestions.Question::text).toList());
        questions.addAll(List.of("ketmine dosing for depresion", "\"nasal spray\" esketamine cost", "zzzz nothing matches",
                "which provider is best for TRD", "what is it"));
        try (KnowledgeBase cluster = open(TestCorpus.REAL);
             KnowledgeBase embedded = KnowledgeBase.open(Settings.of(TestCorpus.REAL, temp.resolve("index")), new FakeEmbedder())) {
            cluster.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            embedded.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            for (String question : questions) {
                for (SearchMode mode : SearchMode.values()) {
                    SearchResults expected = embedded.search().search(question, 10, 0, mode);
                    SearchResults found = cluster.search().search(question, 10, 0, mode);
                    String what = mode + " \"" + question + "\"";
                    assertEquals(expected.hits().stream().map(Hit::id).toList(), found.hits().stream().map(Hit::id).toList(), what);
                    assertEquals(expected.hits().stream().map(Hit::snippet).toList(),
                            found.hits().stream().map(Hit::snippet).toList(), what);
                    for (int i = 0; i < expected.hits().size(); i++) {
                        assertEquals(expected.hits().get(i).score(), found.hits().get(i).score(), 1e-4, what + " #" + i);
                    }
                    assertEquals(expected.total(), found.total(), what);
                    assertEquals(expected.didYouMean(), found.didYouMean(), what);
                    assertEquals(expected.missing(), found.missing(), what);
                }
            }
            assertEquals(embedded.search().guides(), cluster.search().guides());
            assertEquals(embedded.search().guide("treatment-resistant-depression"),
                    cluster.search().guide("treatment-resistant-depression"));
            assertEquals(embedded.search().stats().passages(), cluster.search().stats().passages());
            TestKnowledgeBase.awaitSuggestions(embedded, "ket");
            TestKnowledgeBase.awaitSuggestions(cluster, "ket");
            for (String prefix : List.of("ket", "dose", "tr", "kalm", "side eff", "zzz")) {
                assertEquals(embedded.search().suggest(prefix, 8), cluster.search().suggest(prefix, 8), "completions of " + prefix);
            }
        }
    }

    /**
     * Provider comparisons on OpenSearch as on the embedded index, over 400 requests drawn at random
     * (fixed seed) from every combination of facet values, minimum suitability, price cap, order and
     * words: the same providers in the same order and the same counts for every facet value.
     */
    @Test
    void providersAreComparedOnOpenSearchAsOnTheEmbeddedIndex() throws Exception {
        try (KnowledgeBase cluster = open(TestCorpus.REAL);
             KnowledgeBase embedded = KnowledgeBase.open(Settings.of(TestCorpus.REAL, temp.resolve("index")), new FakeEmbedder())) {
            cluster.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            embedded.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            Random random = new Random(20261206L);
            List<Double> caps = Arrays.asList(null, 99.0, 100.0, 124.0, 150.0, 200.0, 1000.0);
            List<String> words = List.of("", "ketamine", "telehealth dose", "flexible", "nothing-like-this");
            Set<Long> differentTotals = new TreeSet<>();
            for (int i = 0; i < 400; i++) {
                ProviderQuery query = new ProviderQuery(words.get(random.nextInt(words.size())),
                        someOf(DoseFlexibility.values(), random), someOf(TrdSuitability.values(), random),
                        random.nextInt(3) == 0 ? TrdSuitability.values()[random.nextInt(TrdSuitability.values().length)] : null,
                        caps.get(random.nextInt(caps.size())), ProviderSort.values()[random.nextInt(ProviderSort.values().length)]);
                ProviderResults expected = embedded.providers().search(query);
                assertEquals(expected, cluster.providers().search(query), query.toString());
                differentTotals.add(expected.total());
            }
            assertTrue(differentTotals.size() >= 4, "the requests filtered in many ways: totals " + differentTotals);
            String some = embedded.providers().search(ProviderQuery.all()).providers().getFirst().id();
            assertEquals(embedded.providers().byId(some), cluster.providers().byId(some));
            assertEquals(Optional.empty(), cluster.providers().byId("no-such-provider"));
        }
    }

    private static <T> Set<T> someOf(T[] values, Random random) {
        Set<T> chosen = new HashSet<>();
        for (T value : values) {
            if (random.nextInt(3) == 0) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    private KnowledgeBase open(Path corpus) throws IOException {
        return KnowledgeBase.open(Settings.of(corpus, temp.resolve("no-embedded-index")).withOpenSearch(target()),
                new FakeEmbedder());
    }

    private OpenSearchTarget target() {
        return new OpenSearchTarget(NODE.url(), null, null, prefix);
    }

    private static IndexUpdate update(boolean full, List<Guide> guides, Map<String, float[]> vectors) {
        Map<String, String> hashes = new HashMap<>();
        guides.forEach(g -> hashes.put(g.source(), "hash-of-" + g.source()));
        return new IndexUpdate(full, guides, Map.of(), Set.of(), hashes, "", new FakeEmbedder().model(), vectors);
    }

    private int count(String kind) throws IOException {
        return client.get(prefix + "-" + kind + "/_count").path("count").asInt();
    }

    private int matches(String word) throws IOException {
        ObjectNode query = object();
        query.putObject("query").putObject("match").put(Fields.ALL, word);
        return client.post(prefix + "-passages/_count", query).path("count").asInt();
    }

    private String servedIndex() throws IOException {
        return client.get("_alias/" + prefix + "-passages").fieldNames().next();
    }

    private Set<String> indexes() throws IOException {
        Set<String> names = new TreeSet<>();
        client.get(prefix + "-*/_settings").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Terms with their positions, as OpenSearch analyses {@code text} for {@code field} of the passages index. */
    private List<String> analysed(String field, String text) throws IOException {
        JsonNode tokens = client.post(prefix + "-passages/_analyze", object().put("field", field).put("text", text))
                .path("tokens");
        List<String> terms = new ArrayList<>();
        tokens.forEach(t -> terms.add(t.path("position").asInt() + ":" + t.path("token").asText()));
        return terms;
    }

    private static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(position + ":" + term);
            }
            stream.end();
        }
        return terms;
    }
}
