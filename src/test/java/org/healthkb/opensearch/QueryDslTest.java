package org.healthkb.opensearch;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryDslTest {
    private static final TermQuery DOSE = new TermQuery(new Term("all", "dose"));

    @Test
    void aTermKeepsItsFieldAndABoostGoesInsideIt() {
        assertEquals("{\"term\":{\"all\":{\"value\":\"dose\"}}}", QueryDsl.of(DOSE).toString());
        assertEquals("{\"term\":{\"all\":{\"value\":\"dose\",\"boost\":3.0}}}",
                QueryDsl.of(new BoostQuery(new BoostQuery(DOSE, 1.5f), 2f)).toString(), "nested boosts multiply");
    }

    @Test
    void booleanClausesKeepTheirOccurAndMinimumMatch() {
        BooleanQuery bool = new BooleanQuery.Builder()
                .add(DOSE, Occur.MUST)
                .add(new TermQuery(new Term("all", "ketamin")), Occur.SHOULD)
                .add(new TermQuery(new Term("type", "passage")), Occur.FILTER)
                .add(new TermQuery(new Term("all", "cat")), Occur.MUST_NOT)
                .setMinimumNumberShouldMatch(1)
                .build();
        assertEquals("{\"bool\":{\"must\":[{\"term\":{\"all\":{\"value\":\"dose\"}}}],"
                + "\"should\":[{\"term\":{\"all\":{\"value\":\"ketamin\"}}}],"
                + "\"filter\":[{\"term\":{\"type\":{\"value\":\"passage\"}}}],"
                + "\"must_not\":[{\"term\":{\"all\":{\"value\":\"cat\"}}}],\"minimum_should_match\":1}}",
                QueryDsl.of(bool).toString());
        assertEquals(2.0, QueryDsl.of(new BoostQuery(bool, 2f)).path("bool").path("boost").asDouble());
    }

    @Test
    void aFuzzyQueryKeepsEditsPrefixExpansionsAndTranspositions() {
        assertEquals("{\"fuzzy\":{\"all\":{\"value\":\"ketamne\",\"fuzziness\":2,\"prefix_length\":1,"
                + "\"transpositions\":true,\"max_expansions\":30}}}",
                QueryDsl.of(new FuzzyQuery(new Term("all", "ketamne"), 2, 1, 30, true)).toString());
    }

    @Test
    void aPhraseSendsItsTermsWithItsGapsAndSlop() {
        PhraseQuery phrase = new PhraseQuery.Builder().add(new Term("all", "side"), 0).add(new Term("all", "effect"), 1)
                .add(new Term("all", "ketamin"), 3).setSlop(2).build();
        assertEquals("{\"match_phrase\":{\"all\":{\"query\":\"side effect | ketamin\",\"slop\":2,\"analyzer\":\"kb_terms\"}}}",
                QueryDsl.of(phrase).toString());
    }

    @Test
    void alternativesKeepTheirForm() {
        DisjunctionMaxQuery max = new DisjunctionMaxQuery(List.of(DOSE, new TermQuery(new Term("all", "trd"))), 0f);
        assertEquals("{\"dis_max\":{\"tie_breaker\":0.0,\"queries\":[{\"term\":{\"all\":{\"value\":\"dose\"}}},"
                + "{\"term\":{\"all\":{\"value\":\"trd\"}}}]}}", QueryDsl.of(max).toString());
        SynonymQuery synonyms = new SynonymQuery.Builder("all").addTerm(new Term("all", "cost"))
                .addTerm(new Term("all", "price")).build();
        assertEquals("{\"match\":{\"all\":{\"query\":\"cost/price\",\"analyzer\":\"kb_stacked\"}}}",
                QueryDsl.of(synonyms).toString(), "one-word synonyms are sent stacked at one position");
    }

    @Test
    void aQueryOurRankingNeverBuildsIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> QueryDsl.of(new WildcardQuery(new Term("all", "ket*"))));
        assertEquals("no OpenSearch form for WildcardQuery: all:ket*", refused.getMessage());
    }
}
