package org.healthkb.search;

import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Blends BM25 with similarity of meaning. The candidates are the BM25 top and the passages nearest
 * the question's embedding; each scores {@code (1 - w) * standardised bm25 + w * standardised cosine}.
 * Each signal is standardised over the candidates (distribution-based score fusion): its distance
 * from the candidates' mean in standard deviations, with three below the mean mapped to 0 and three
 * above to 1. So a signal counts by how far a passage stands out from all the other candidates on
 * it, not by where the best and the worst happen to lie (min-max, used before, gave the top cosine 1
 * and the bottom 0 however the rest were spread); when all BM25 scores are equal, meaning decides.
 * Raw, the two could not be mixed at all: BM25's size depends on the question's words, and this
 * model's cosines crowd into a narrow band (roughly 0.4 to 0.9) whatever the question. A passage
 * found only by meaning scores 0 for BM25 and must reach {@link Ranking#semanticMinSimilarity()}
 * (raw cosine), so a question nothing in the index is about still finds nothing. The blend always
 * covers the same BM25 top ({@link Ranking#semanticCandidates()}), however deep the request, so
 * pages agree with each other; BM25 hits below it follow in BM25 order. A question that asks which
 * provider to choose adds {@link Ranking#providerAnswerBoost()} to candidates naming one
 * ({@link ProviderAnswers}). While an import is still adding vectors, a candidate without one is
 * ranked by its words alone: its standardised BM25 stands in for its cosine.
 */
final class HybridRanking {
    private final SearchView view;
    private final Ranking ranking;

    /** The blended candidates, best first (ties by id), and how many passages match either way. */
    record Result(List<ScoreDoc> docs, long total) {
    }

    HybridRanking(SearchView view, Ranking ranking) {
        this.view = view;
        this.ranking = ranking;
    }

    /**
     * What the blend needs to know of the question besides its words.
     *
     * @param embedding       the question's embedding
     * @param meaningMayAdd   whether passages the words do not match may join; false when the reader
     *                        quoted a phrase, which must then appear in every hit
     * @param asksForProvider whether it asks which provider to choose (see {@link ProviderAnswers})
     */
    record Question(float[] embedding, boolean meaningMayAdd, boolean asksForProvider) {
    }

    /**
     * @param lexical      the BM25 candidates, best first
     * @param lexicalQuery the query that found them, and {@code lexicalTotal} how many passages it
     *                     matches: exactly when {@code lexicalExact}, else at least that many
     */
    Result blend(List<ScoreDoc> lexical, Query lexicalQuery, long lexicalTotal, boolean lexicalExact, Question question,
                 Timings.Clock clock) throws IOException {
        Map<Integer, Float> cosines = view.nearest(question.embedding(), ranking.semanticCandidates());
        clock.lap(Timings.Stage.KNN);
        Set<Integer> matchedWords = lexical.stream().map(d -> d.doc).collect(Collectors.toSet());
        List<ScoreDoc> deeper = lexical.subList(Math.min(lexical.size(), ranking.semanticCandidates()), lexical.size());
        lexical = lexical.subList(0, lexical.size() - deeper.size());
        List<Integer> byMeaningOnly = !question.meaningMayAdd() ? List.of() : cosines.entrySet().stream()
                .filter(e -> !matchedWords.contains(e.getKey()) && e.getValue() >= ranking.semanticMinSimilarity())
                .map(Map.Entry::getKey).toList();
        addMissingCosines(lexical, question.embedding(), cosines);
        List<Integer> candidates = concat(lexical, byMeaningOnly);
        Map<Integer, Float> bm25 = new HashMap<>();
        lexical.forEach(d -> bm25.put(d.doc, d.score));
        Spread words = Spread.of(candidates.stream().mapToDouble(doc -> bm25.getOrDefault(doc, 0f)).toArray());
        Spread meaning = Spread.of(candidates.stream().filter(cosines::containsKey).mapToDouble(cosines::get).toArray());
        float w = ranking.semanticWeight();
        IntPredicate namesAProvider = question.asksForProvider() && ranking.providerAnswerBoost() > 0
                ? view.namesAProvider() : doc -> false;
        List<ScoreDoc> blended = new ArrayList<>();
        for (int doc : candidates) {
            double answerType = namesAProvider.test(doc) ? ranking.providerAnswerBoost() : 0;
            double byWords = words.scaled(bm25.getOrDefault(doc, 0f));
            // A passage whose vector is still being computed is judged by its words alone.
            double byMeaning = cosines.containsKey(doc) ? meaning.scaled(cosines.get(doc)) : byWords;
            blended.add(new ScoreDoc(doc, (float) ((1 - w) * byWords + w * byMeaning + answerType)));
        }
        view.sortByScoreThenId(blended);
        deeper.forEach(d -> blended.add(new ScoreDoc(d.doc, (float) ((1 - w) * words.scaled(d.score)))));
        long total = lexicalExact ? total(lexicalQuery, lexicalTotal, lexical.size() + deeper.size(), byMeaningOnly)
                : lexicalTotal;
        Result result = new Result(blended, total);
        clock.lap(Timings.Stage.BLEND);
        return result;
    }

    /** Mean and standard deviation of one signal over the candidates. */
    record Spread(double mean, double deviation) {
        static Spread of(double[] values) {
            double mean = Arrays.stream(values).average().orElse(0);
            double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(0);
            // All candidates alike: the signal says nothing, and must not divide by zero.
            return new Spread(mean, Math.max(1e-6, Math.sqrt(variance)));
        }

        /** Three deviations below the mean is 0, three above is 1; further out goes beyond, keeping the order. */
        double scaled(double value) {
            return ((value - mean) / deviation + 3) / 6;
        }
    }

    private static List<Integer> concat(List<ScoreDoc> docs, List<Integer> more) {
        List<Integer> all = new ArrayList<>(docs.stream().map(d -> d.doc).toList());
        all.addAll(more);
        return all;
    }

    /** Exact cosines for BM25 candidates outside the nearest set, from their stored vectors; a passage without one has none. */
    private void addMissingCosines(List<ScoreDoc> lexical, float[] question, Map<Integer, Float> cosines) throws IOException {
        List<Integer> missing = lexical.stream().map(d -> d.doc).filter(doc -> !cosines.containsKey(doc)).toList();
        cosines.putAll(view.cosines(missing, question));
    }

    /**
     * Passages matching the words, plus those found by meaning alone that the words do not match.
     * Only counted when the words' matches were counted exactly; otherwise their count is already
     * the lower bound the response gives.
     * Those may still match the words below the BM25 candidates; the view checks each of them,
     * far cheaper than counting the union again.
     */
    private long total(Query lexicalQuery, long lexicalTotal, int candidates, List<Integer> byMeaningOnly) throws IOException {
        if (byMeaningOnly.isEmpty() || lexicalTotal <= candidates) {
            return lexicalTotal + byMeaningOnly.size();
        }
        return lexicalTotal + byMeaningOnly.size() - view.matching(lexicalQuery, byMeaningOnly);
    }
}
