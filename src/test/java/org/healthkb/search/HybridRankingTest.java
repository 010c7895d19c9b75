package org.healthkb.search;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.healthkb.FakeEmbedder;
import org.healthkb.SyntheticGuides;
import org.healthkb.index.IndexUpdate;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.semantic.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How each signal is put on a common scale before BM25 and meaning are mixed. */
class HybridRankingTest {
    @TempDir
    Path temp;

    @Test
    void aPassageWhoseVectorIsStillToComeIsRankedByItsWords() throws Exception {
        FakeEmbedder embedder = new FakeEmbedder();
        List<Guide> guides = List.of(SyntheticGuides.guide(1, 8), SyntheticGuides.guide(2, 8));
        Passage best = guides.get(1).passages().get(3); // the only passage with "topic2" and "word3"
        Map<String, float[]> vectors = new HashMap<>(SyntheticGuides.vectors(guides, embedder));
        vectors.remove(Embedder.textOf(best));
        try (KnowledgeIndex index = KnowledgeIndex.open(temp.resolve("index"), new BM25Similarity(), embedder.model())) {
            index.apply(new IndexUpdate(true, guides, Map.of(), Set.of(), Map.of(), "", embedder.model(), vectors));
            SearchResults results = new SearchService(index, embedder, Ranking.DEFAULT).search("topic2 word3 synthetic", 5, 0,
                    SearchMode.HYBRID);
            assertEquals(SearchMode.HYBRID, results.mode());
            // Scored as a cosine of 0 it fell below every passage that has a vector.
            assertEquals(best.id(), results.hits().getFirst().id());
        }
    }

    @Test
    void questionsAreEmbeddedOnlyByTheModelThePassageVectorsCameFrom() throws Exception {
        try (KnowledgeIndex index = KnowledgeIndex.open(temp.resolve("index"), new BM25Similarity(), "another-model")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new SearchService(index, new FakeEmbedder(), Ranking.DEFAULT));
            assertTrue(refused.getMessage().contains("another-model") && refused.getMessage().contains("fake-8"),
                    refused.getMessage());
        }
    }

    @Test
    void threeDeviationsEitherSideOfTheMeanSpanZeroToOne() {
        HybridRanking.Spread spread = HybridRanking.Spread.of(new double[] {1, 3, 5, 7});
        assertEquals(4, spread.mean(), 1e-9);
        assertEquals(Math.sqrt(5), spread.deviation(), 1e-9);
        assertEquals(0.5, spread.scaled(4), 1e-9);
        assertEquals(0, spread.scaled(4 - 3 * Math.sqrt(5)), 1e-9);
        assertEquals(1, spread.scaled(4 + 3 * Math.sqrt(5)), 1e-9);
        assertTrue(spread.scaled(100) > 1, "an outlier goes beyond 1 rather than tying with the next");
    }

    @Test
    void aNarrowBandCountsAsMuchAsAWideOne() {
        // This model's cosines crowd between about 0.4 and 0.9; BM25 scores can be anything. What
        // counts is where a passage stands among the candidates, not the units.
        double[] cosines = {0.70, 0.71, 0.74, 0.79};
        double[] bm25 = {7.0, 8.0, 11.0, 16.0};
        HybridRanking.Spread meaning = HybridRanking.Spread.of(cosines);
        HybridRanking.Spread words = HybridRanking.Spread.of(bm25);
        for (int i = 0; i < cosines.length; i++) {
            assertEquals(words.scaled(bm25[i]), meaning.scaled(cosines[i]), 1e-9);
        }
    }

    @Test
    void candidatesAllAlikeGiveTheMiddleAndNoDivisionByZero() {
        HybridRanking.Spread alike = HybridRanking.Spread.of(new double[] {0.8, 0.8, 0.8});
        assertEquals(0.5, alike.scaled(0.8), 1e-9);
        assertEquals(0.5, HybridRanking.Spread.of(new double[] {}).scaled(0), 1e-9);
    }
}
