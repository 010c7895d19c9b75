package org.healthkb.semantic;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.healthkb.importer.CorpusReader;
import org.healthkb.content.Passage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped model, on the real guide: unit vectors, stable, and near in meaning where the words differ. */
class OnnxEmbedderTest {
    static final Embedder EMBEDDER = TestKnowledgeBase.model();
    static final BgeSmallEnV15QuantizedEmbeddingModel LANGCHAIN4J = new BgeSmallEnV15QuantizedEmbeddingModel();
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

    @ParameterizedTest
    @ValueSource(strings = {"can I take ketamine with my antidepressants", "Ketamine's DOSE -- capped?!",
            "naïve café résumé", "\u6297\u6291\u90c1\u836f ketamine \ud83d\ude00", "x"})
    void questionsGetTheVectorsOfLangChain4jsOwnPathAndSession(String question) {
        // The index's vectors came from LangChain4j's path and session (a thread per core); questions now
        // take one tokenisation and one single-threaded run of the same model, which must agree.
        float[] theirs = LANGCHAIN4J.embed("Represent this sentence for searching relevant passages: " + question)
                .content().vector();
        assertArrayEquals(theirs, EMBEDDER.question(question), 1e-4f);
    }

    @Test
    void passagesGetTheVectorsOfLangChain4jsOwnSession() {
        assertArrayEquals(LANGCHAIN4J.embed(Embedder.textOf(passages.get(3))).content().vector(), vectors.get(3), 1e-4f);
    }

    @Test
    void aQuestionTooLongForOneRunIsEmbeddedInParts() {
        String long500 = "\u836f".repeat(500);
        float[] vector = EMBEDDER.question(long500);
        assertEquals(1.0, norm(vector), 1e-4);
        assertArrayEquals(LANGCHAIN4J.embed("Represent this sentence for searching relevant passages: " + long500)
                .content().vector(), vector, 1e-4f);
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
