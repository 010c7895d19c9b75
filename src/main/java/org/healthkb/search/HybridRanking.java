package org.healthkb.search;

import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.VectorUtil;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.index.LeafWalk;
import org.healthkb.index.StoredVectors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Blends BM25 with similarity of meaning. The candidates are the BM25 top and the passages nearest
 * the question's embedding; each scores {@code (1 - w) * bm25 / bestBm25 + w * stretched cosine}.
 * Both signals are put on a 0 to 1 scale per question before they are mixed: BM25 by dividing by the
 * question's best score, whose size depends on the question's words; the cosine by stretching the
 * candidates' range to 0..1 (min-max), because the model's cosines crowd into a narrow band
 * (roughly 0.4 to 0.9) whatever the question, so raw they would barely move the order. A passage
 * found only by meaning must reach {@link Ranking#semanticMinSimilarity()} (raw cosine), so a
 * question nothing in the index is about still finds nothing. The blend always covers the same BM25
 * top ({@link Ranking#semanticCandidates()}), however deep the request, so pages agree with each
 * other; BM25 hits below it follow in BM25 order.
 */
final class HybridRanking {
    private final IndexSnapshot snapshot;
    private final Ranking ranking;

    /** The blended candidates, best first (ties by id), and how many passages match either way. */
    record Result(List<ScoreDoc> docs, long total) {
    }

    HybridRanking(IndexSnapshot snapshot, Ranking ranking) {
        this.snapshot = snapshot;
        this.ranking = ranking;
    }

    /**
     * @param lexical       the BM25 candidates, best first
     * @param lexicalQuery  the query that found them, and {@code lexicalTotal} how many passages it matches
     * @param question      the question's embedding
     * @param meaningMayAdd whether passages the words do not match may join; false when the reader
     *                      quoted a phrase, which must then appear in every hit
     */
    Result blend(List<ScoreDoc> lexical, Query lexicalQuery, long lexicalTotal, float[] question, boolean meaningMayAdd)
            throws IOException {
        Map<Integer, Float> cosines = nearest(question);
        Set<Integer> matchedWords = lexical.stream().map(d -> d.doc).collect(Collectors.toSet());
        List<ScoreDoc> deeper = lexical.subList(Math.min(lexical.size(), ranking.semanticCandidates()), lexical.size());
        lexical = lexical.subList(0, lexical.size() - deeper.size());
        List<Integer> byMeaningOnly = !meaningMayAdd ? List.of() : cosines.entrySet().stream()
                .filter(e -> !matchedWords.contains(e.getKey()) && e.getValue() >= ranking.semanticMinSimilarity())
                .map(Map.Entry::getKey).toList();
        addMissingCosines(lexical, question, cosines);
        float lowest = Float.MAX_VALUE;
        float highest = -Float.MAX_VALUE;
        for (int doc : concat(lexical, byMeaningOnly)) {
            lowest = Math.min(lowest, cosines.get(doc));
            highest = Math.max(highest, cosines.get(doc));
        }
        float floor = lowest;
        float range = Math.max(1e-6f, highest - lowest);
        float w = ranking.semanticWeight();
        float best = lexical.isEmpty() ? 1 : Math.max(Float.MIN_NORMAL, lexical.getFirst().score);
        List<ScoreDoc> blended = new ArrayList<>();
        for (ScoreDoc d : lexical) {
            blended.add(new ScoreDoc(d.doc, (1 - w) * d.score / best + w * (cosines.get(d.doc) - floor) / range));
        }
        byMeaningOnly.forEach(doc -> blended.add(new ScoreDoc(doc, w * (cosines.get(doc) - floor) / range)));
        DocValueKeys ids = new DocValueKeys(snapshot, Fields.ID);
        blended.sort(Comparator.comparingDouble((ScoreDoc d) -> -d.score).thenComparing(d -> ids.of(d.doc)));
        deeper.forEach(d -> blended.add(new ScoreDoc(d.doc, (1 - w) * d.score / best)));
        return new Result(blended, total(lexicalQuery, lexicalTotal, lexical.size() + deeper.size(), byMeaningOnly));
    }

    private static List<Integer> concat(List<ScoreDoc> docs, List<Integer> more) {
        List<Integer> all = new ArrayList<>(docs.stream().map(d -> d.doc).toList());
        all.addAll(more);
        return all;
    }

    /** Cosine similarity of the passages nearest the question (the HNSW graph's approximate top). */
    private Map<Integer, Float> nearest(float[] question) throws IOException {
        Map<Integer, Float> cosines = new HashMap<>();
        for (ScoreDoc d : snapshot.search(new KnnFloatVectorQuery(Fields.VECTOR, question, ranking.semanticCandidates()),
                ranking.semanticCandidates()).scoreDocs) {
            // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
            cosines.put(d.doc, 2 * d.score - 1);
        }
        return cosines;
    }

    /** Exact cosines for BM25 candidates outside the nearest set, from their stored vectors. */
    private void addMissingCosines(List<ScoreDoc> lexical, float[] question, Map<Integer, Float> cosines) throws IOException {
        List<Integer> missing = lexical.stream().map(d -> d.doc).filter(doc -> !cosines.containsKey(doc)).toList();
        StoredVectors.of(snapshot, missing).forEach((doc, vector) -> cosines.put(doc, VectorUtil.dotProduct(question, vector)));
        missing.forEach(doc -> cosines.putIfAbsent(doc, 0f));
    }

    /**
     * Passages matching the words, plus those found by meaning alone that the words do not match.
     * Those may still match the words below the BM25 candidates; each is checked by advancing the
     * query's matches to it, far cheaper than counting the union again.
     */
    private long total(Query lexicalQuery, long lexicalTotal, int candidates, List<Integer> byMeaningOnly) throws IOException {
        if (byMeaningOnly.isEmpty() || lexicalTotal <= candidates) {
            return lexicalTotal + byMeaningOnly.size();
        }
        Weight weight = snapshot.createWeight(snapshot.rewrite(lexicalQuery), ScoreMode.COMPLETE_NO_SCORES, 1);
        long[] alsoMatchWords = {0};
        LeafWalk.found(snapshot, byMeaningOnly, leaf -> {
            Scorer scorer = weight.scorer(leaf);
            return scorer == null ? null : scorer.iterator();
        }, (doc, matches) -> alsoMatchWords[0]++);
        return lexicalTotal + byMeaningOnly.size() - alsoMatchWords[0];
    }
}
