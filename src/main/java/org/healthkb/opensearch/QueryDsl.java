package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopTermsRewrite;

import java.util.Map;

import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * Our Lucene queries in OpenSearch's query DSL, node for node, so that OpenSearch builds the same
 * Lucene query on its side and BM25 scores the same: the ranking (question analysis, synonyms,
 * typo tolerance, proximity, boosts) is decided once, in our service, for both engines.
 * <ul>
 *   <li>term, bool, dis_max and boosts map one to one;</li>
 *   <li>a fuzzy query keeps its edits, prefix, expansions and transpositions, and OpenSearch's default
 *       rewrite is Lucene's (top terms, blended frequencies);</li>
 *   <li>a phrase is sent as its analysed terms to {@code match_phrase} with the {@code kb_terms}
 *       analyzer ({@link OpenSearchSchema}), which splits on spaces and turns the {@link #GAP} marker into
 *       a position gap, so positions and slop are the phrase's own;</li>
 *   <li>a {@link SynonymQuery} (one-word synonyms, scored as one term) has no DSL form of its own: its
 *       terms go to {@code match} with the {@code kb_stacked} analyzer, which puts them at one position,
 *       and OpenSearch builds the same synonym query from them.</li>
 * </ul>
 */
public final class QueryDsl {
    /** A token {@code kb_terms} drops, leaving a position gap: the standard tokenizer never emits it as a term. */
    static final String GAP = "|";
    /** Joins terms that {@code kb_stacked} puts at one position; never inside a term, for the same reason. */
    static final String SAME_POSITION = "/";

    private QueryDsl() {
    }

    /** @throws IllegalArgumentException for a kind of query our ranking never builds */
    public static ObjectNode of(Query query) {
        return switch (query) {
            case BoostQuery boosted -> boosted(of(boosted.getQuery()), boosted.getBoost());
            case TermQuery term -> term(term.getTerm());
            case BooleanQuery bool -> bool(bool);
            case DisjunctionMaxQuery max -> disMax(max);
            case FuzzyQuery fuzzy -> fuzzy(fuzzy);
            case PhraseQuery phrase -> phrase(phrase);
            case SynonymQuery synonyms -> synonyms(synonyms);
            case MatchNoDocsQuery none -> object().set("match_none", object());
            case MatchAllDocsQuery all -> object().set("match_all", object());
            default -> throw new IllegalArgumentException("no OpenSearch form for " + query.getClass().getSimpleName()
                    + ": " + query);
        };
    }

    private static ObjectNode term(Term term) {
        ObjectNode query = object();
        query.putObject("term").putObject(term.field()).put("value", term.text());
        return query;
    }

    private static ObjectNode bool(BooleanQuery bool) {
        ObjectNode body = object();
        for (BooleanClause clause : bool.clauses()) {
            String occur = switch (clause.occur()) {
                case SHOULD -> "should";
                case MUST -> "must";
                case FILTER -> "filter";
                case MUST_NOT -> "must_not";
            };
            (body.has(occur) ? (ArrayNode) body.get(occur) : body.putArray(occur)).add(of(clause.query()));
        }
        if (bool.getMinimumNumberShouldMatch() > 0) {
            body.put("minimum_should_match", bool.getMinimumNumberShouldMatch());
        }
        return (ObjectNode) object().set("bool", body);
    }

    private static ObjectNode disMax(DisjunctionMaxQuery max) {
        ObjectNode body = object().put("tie_breaker", max.getTieBreakerMultiplier());
        ArrayNode queries = body.putArray("queries");
        max.getDisjuncts().forEach(q -> queries.add(of(q)));
        return (ObjectNode) object().set("dis_max", body);
    }

    private static ObjectNode fuzzy(FuzzyQuery fuzzy) {
        ObjectNode query = object();
        ObjectNode body = query.putObject("fuzzy").putObject(fuzzy.getTerm().field())
                .put("value", fuzzy.getTerm().text())
                .put("fuzziness", fuzzy.getMaxEdits())
                .put("prefix_length", fuzzy.getPrefixLength())
                .put("transpositions", fuzzy.getTranspositions());
        if (fuzzy.getRewriteMethod() instanceof TopTermsRewrite<?> top) {
            body.put("max_expansions", top.getSize());
        }
        return query;
    }

    private static ObjectNode phrase(PhraseQuery phrase) {
        Term[] terms = phrase.getTerms();
        int[] positions = phrase.getPositions();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < terms.length; i++) {
            int gap = i == 0 ? positions[0] : positions[i] - positions[i - 1] - 1;
            text.append((" " + GAP).repeat(Math.max(0, gap))).append(' ').append(terms[i].text());
        }
        ObjectNode query = object();
        query.putObject("match_phrase").putObject(phrase.getField())
                .put("query", text.toString().strip())
                .put("slop", phrase.getSlop())
                .put("analyzer", OpenSearchSchema.TERMS_ANALYZER);
        return query;
    }

    private static ObjectNode synonyms(SynonymQuery synonyms) {
        ObjectNode query = object();
        query.putObject("match").putObject(synonyms.getField())
                .put("query", String.join(SAME_POSITION, synonyms.getTerms().stream().map(Term::text).toList()))
                .put("analyzer", OpenSearchSchema.STACKED_ANALYZER);
        return query;
    }

    /**
     * Puts the boost where OpenSearch reads it: inside the field's object for a field query, beside
     * the clauses for bool and dis_max (a boost already there is multiplied, as nested boosts are).
     */
    private static ObjectNode boosted(ObjectNode query, float boost) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> kind = query.fields().next();
        ObjectNode body = (ObjectNode) kind.getValue();
        ObjectNode target = switch (kind.getKey()) {
            case "bool", "dis_max" -> body;
            case "match_none", "match_all" -> body;
            default -> (ObjectNode) body.elements().next();
        };
        float current = target.has("boost") ? target.get("boost").floatValue() : 1f;
        target.put("boost", current * boost);
        return query;
    }
}
