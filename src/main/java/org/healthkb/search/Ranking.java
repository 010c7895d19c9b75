package org.healthkb.search;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every ranking setting in one place. The same settings rank guides and the benchmark collections:
 * there are no per-collection switches. Each has a test showing it changes results
 * ({@code RankingSettingsTest}); the defaults were chosen on the tuning questions and the
 * benchmarks' train/dev splits (see BENCHMARKS.md).
 *
 * @param k1                BM25 term-frequency saturation
 * @param b                 BM25 length normalisation
 * @param titleBoost        extra weight of a match in the guide title, on top of the combined field
 * @param headingsBoost     extra weight of a match in the passage's own headings
 * @param proximityBoost    weight of each pair of adjacent query words found near each other
 * @param proximitySlop     how many positions apart such a pair may be
 * @param exactHeadingBoost weight of a question equal to a passage's heading, enough to rank that section first
 * @param dropQuestionWords drop "what", "how", "can I", "should", "because" ... so they never outweigh content words
 * @param typoBoost         weight of a typo-corrected term relative to an exact one (below 1: exact always wins)
 * @param typoMaxExpansions how many indexed terms one misspelt word may expand to
 * @param oneTypoMinLength  shortest word allowed one edit; shorter words must match exactly
 * @param twoTyposMinLength shortest word allowed two edits
 * @param maxPerSection     hits of one section allowed in the top {@code diversityWindow} while others also answer
 * @param diversityWindow   how many top places diversity applies to (0 turns it off)
 * @param semanticWeight    share of similarity of meaning in a passage's score, the rest being BM25 (0 turns
 *                          the semantic signal off); both are standardised over each question's candidates, see HybridRanking
 * @param semanticCandidates how many nearest passages by meaning join the BM25 candidates
 * @param semanticMinSimilarity cosine similarity a passage found by meaning alone needs to be shown at all
 * @param providerAnswerBoost added to the blended score of a passage that names a provider when the question
 *                          asks which provider to choose (see ProviderAnswers; 0 turns it off); on the blend's
 *                          scale, where a signal's standard deviation over the candidates is 1/6
 */
public record Ranking(float k1, float b, float titleBoost, float headingsBoost, float proximityBoost,
                      int proximitySlop, float exactHeadingBoost, boolean dropQuestionWords, float typoBoost,
                      int typoMaxExpansions, int oneTypoMinLength, int twoTyposMinLength, int maxPerSection,
                      int diversityWindow, float semanticWeight, int semanticCandidates, float semanticMinSimilarity,
                      float providerAnswerBoost) {

    public static final Ranking DEFAULT = new Ranking(1.2f, 0.3f, 0.2f, 0.2f, 0.2f, 3, 10f, true, 0.8f, 10, 4, 8, 3, 10,
            0.65f, 100, 0.6f, 0.3f);

    /** Anserini's plain BM25 ("flat"): one combined field, nothing else; the floor the defaults must beat. */
    public static final Ranking PLAIN_BM25 = new Ranking(0.9f, 0.4f, 0f, 0f, 0f, 0, 0f, false, 0f, 0,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0f, 0, 1f, 0f);

    public Similarity similarity() {
        return new BM25Similarity(k1, b);
    }

    /** True when questions are also matched by meaning, not by their words alone. */
    public boolean semantic() {
        return semanticWeight > 0 && semanticCandidates > 0;
    }

    /** The same ranking by words alone, without the question's embedding: keyword mode. */
    public Ranking withoutMeaning() {
        return with("semanticWeight", "0");
    }

    /** Edits allowed for a word of this length. */
    public int editsFor(int length) {
        return length >= twoTyposMinLength ? 2 : length >= oneTypoMinLength ? 1 : 0;
    }

    /** A copy with one setting changed, by its name above: {@code with("k1", "1.2")}. */
    public Ranking with(String name, String value) {
        RecordComponent[] components = Ranking.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean known = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                boolean target = components[i].getName().equals(name);
                known |= target;
                values[i] = target ? parse(types[i], name, value) : components[i].getAccessor().invoke(this);
            }
            if (!known) {
                throw new IllegalArgumentException("unknown ranking setting '" + name + "'; settings are "
                        + Arrays.stream(components).map(RecordComponent::getName).toList());
            }
            return Ranking.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Ranking is a record with a canonical constructor", e);
        }
    }

    /** A copy with several settings changed. */
    public Ranking with(Map<String, String> settings) {
        Ranking result = this;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            result = result.with(setting.getKey(), setting.getValue());
        }
        return result;
    }

    /** The settings in which this ranking differs from {@code other}, in the form {@link #with} takes: "k1=0.9,b=0.4". */
    public String differencesFrom(Ranking other) {
        List<String> differences = new ArrayList<>();
        try {
            for (RecordComponent component : Ranking.class.getRecordComponents()) {
                Object value = component.getAccessor().invoke(this);
                if (!value.equals(component.getAccessor().invoke(other))) {
                    differences.add(component.getName() + "=" + value);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Ranking is a record with public accessors", e);
        }
        return String.join(",", differences);
    }

    private static Object parse(Class<?> type, String name, String value) {
        try {
            if (type == float.class) {
                return Float.parseFloat(value);
            }
            if (type == int.class) {
                return Integer.parseInt(value);
            }
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("ranking setting '" + name + "' cannot be '" + value + "'");
    }
}
