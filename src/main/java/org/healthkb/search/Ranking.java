package org.healthkb.search;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * Every ranking setting in one place. The same settings rank guides and the benchmark collections:
 * there are no per-collection switches. Each has a test showing it changes results.
 *
 * @param k1                  BM25 term-frequency saturation
 * @param b                   BM25 length normalisation
 * @param titleBoost          extra weight of a match in the guide title, on top of the combined field
 * @param headingsBoost       extra weight of a match in the passage's headings
 * @param proximityBoost      weight of each pair of adjacent query words found near each other
 * @param proximitySlop       how many positions apart a pair may be and still count as near
 * @param exactHeadingBoost   weight of a question equal to a passage's heading, enough to rank that section first
 * @param typoBoost           weight of a typo-corrected term relative to an exact one
 * @param typoMaxExpansions   how many indexed terms one misspelt word may expand to
 * @param oneTypoMinLength    shortest word allowed one edit (shorter words must be exact)
 * @param twoTyposMinLength   shortest word allowed two edits
 * @param maxPerSection       how many hits of one section the first page may hold while other sections also answer
 * @param diversityWindow     how many top hits diversity reorders (the first page and a little more)
 */
public record Ranking(float k1, float b, float titleBoost, float headingsBoost, float proximityBoost,
                      int proximitySlop, float exactHeadingBoost, float typoBoost, int typoMaxExpansions,
                      int oneTypoMinLength, int twoTyposMinLength, int maxPerSection, int diversityWindow) {

    /** The defaults, chosen on tuning questions and the benchmarks' train/dev splits; see BENCHMARKS.md. */
    public static final Ranking DEFAULT = new Ranking(0.9f, 0.4f, 0.0f, 1.0f, 0.5f, 6, 10f, 0.5f, 10, 4, 8, 2, 20);

    /** Anserini's plain BM25 ("flat"): no boosts, proximity or diversity; the floor the defaults must beat. */
    public static final Ranking PLAIN_BM25 = new Ranking(0.9f, 0.4f, 0f, 0f, 0f, 0, 0f, 0f, 0, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, 0);

    public Similarity similarity() {
        return new BM25Similarity(k1, b);
    }

    /** Edits allowed for a word of this length. */
    public int editsFor(int length) {
        return length >= twoTyposMinLength ? 2 : length >= oneTypoMinLength ? 1 : 0;
    }

    public Ranking withBm25(float k1, float b) {
        return new Ranking(k1, b, titleBoost, headingsBoost, proximityBoost, proximitySlop, exactHeadingBoost,
                typoBoost, typoMaxExpansions, oneTypoMinLength, twoTyposMinLength, maxPerSection, diversityWindow);
    }
}
