package org.healthkb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnalyzersTest {
    @Test
    void questionsKeepOnlyTheirContentWords() throws IOException {
        assertEquals(List.of("need", "ketamin", "depress", "treatment", "resist"),
                terms(Analyzers.query(null, true), "Do I need more ketamine because my depression is treatment-resistant?"));
        assertEquals(List.of("how", "much", "doe", "kalm", "cost"), terms(Analyzers.query(null, false), "how much does kalm cost"));
        assertEquals(List.of("kalm", "cost"), terms(Analyzers.query(null, true), "how much does kalm cost"));
    }

    @Test
    void theIndexKeepsWordsQuestionsDrop() throws IOException {
        // Quoted phrases are analysed like the index, so their positions must line up with it.
        assertEquals(List.of("what", "you", "need", "more", "becaus"),
                terms(Analyzers.index(), "what you need more because"));
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(Fields.ALL, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
