package org.healthkb.semantic;

import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.passage.Passage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped model, on the real guide: unit vectors, stable, and near in meaning where the words differ. */
class OnnxEmbedderTest {
    static final Embedder EMBEDDER = OnnxEmbedder.bgeSmall();
    static List<Passage> passages;
    static List<float[]> vectors;

    @BeforeAll
    static void embedTheGuide() throws Exception {
        passages = new CorpusReader().read(TestCorpus.REAL).guides().getFirst().passages();
        vectors = EMBEDDER.passages(passages.stream().map(Embedder::textOf).toList());
    }

    @Test
    void everyPassageGetsOneUnitVector() {
        assertEquals(passages.size(), vectors.size());
        for (float[] v : vectors) {
            assertEquals(384, v.length);
            assertEquals(1.0, norm(v), 1e-4);
        }
        assertEquals(1.0, norm(EMBEDDER.question("is ketamine safe")), 1e-4);
    }

    @Test
    void theSameTextAlwaysGetsTheSameVector() {
        assertArrayEquals(EMBEDDER.question("ketamine dose cap"), EMBEDDER.question("ketamine dose cap"));
        assertArrayEquals(vectors.get(3), EMBEDDER.passages(List.of(Embedder.textOf(passages.get(3)))).getFirst(), 1e-5f);
    }

    @Test
    void aQuestionFindsTheAnswerThatSharesAlmostNoWordsWithIt() {
        // "work" appears nowhere in the answer: it says ketamine "acts on the glutamate system".
        assertEquals("why-ketamine-works-for-trd-1", nearest("how does ketamine work").anchor());
        assertEquals("combining-ketamine-with-other-treatments-for-trd-1", nearest("is talk therapy still worth it with ketamine").anchor());
    }

    @Test
    void anUnrelatedQuestionIsFarFromEveryPassage() {
        assertTrue(best("best pizza in town") < 0.55, "unrelated: " + best("best pizza in town"));
        assertTrue(best("how does ketamine work") > 0.7, "related: " + best("how does ketamine work"));
    }

    @Test
    void embeddedTextIsTheSectionHeadingsThenTheText() {
        Passage p = passages.get(3);
        assertEquals(String.join("\n", p.sectionHeadings()) + "\n" + p.text(), Embedder.textOf(p));
    }

    private static Passage nearest(String question) {
        float[] q = EMBEDDER.question(question);
        int best = 0;
        for (int i = 1; i < vectors.size(); i++) {
            if (dot(q, vectors.get(i)) > dot(q, vectors.get(best))) {
                best = i;
            }
        }
        return passages.get(best);
    }

    private static double best(String question) {
        return dot(EMBEDDER.question(question), vectors.get(passages.indexOf(nearest(question))));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
