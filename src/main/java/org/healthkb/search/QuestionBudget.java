package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import java.util.Map;
import java.util.HashMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.healthkb.index.Analyzers;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The most work one question may cause. Every searched term costs term lookups in three fields, and
 * an unknown one a walk of the term dictionary for its typos and another for "did you mean", so a
 * 500-character question of 240 distinct words took two seconds on a 23-passage guide. A question is
 * cut to its first {@link #MAX_TERMS} terms after analysis (question words do not count), and only
 * its first {@link #MAX_TYPO_WORDS} words unknown to the index get typo tolerance and spelling
 * correction; the rest must match as typed. Questions readers ask are far below both.
 */
final class QuestionBudget {
    /** Terms searched per question, words and quoted phrases together. */
    static final int MAX_TERMS = 32;
    /** Distinct unknown words per question that get typo tolerance and spelling correction. */
    static final int MAX_TYPO_WORDS = 8;
    /**
     * Times one term is searched per question: a reader may repeat a word for weight ("side effects,
     * long-term side effects"), but each repetition is searched, highlighted and spell-checked again,
     * so sixty copies of one misspelt word cost twenty normal questions.
     */
    static final int MAX_REPEATS = 2;

    private static final Analyzer WORDS = Analyzers.query(null, true);
    private static final Analyzer PHRASES = new EnglishAnalyzer();

    private QuestionBudget() {
    }

    /** A question within budget, and whether it had to be cut. */
    record Cut(UserQuery query, boolean truncated) {
    }

    static Cut cut(UserQuery query) {
        int[] budget = {MAX_TERMS};
        String words = within(WORDS, query.words(), budget);
        List<String> phrases = new ArrayList<>();
        for (String phrase : query.phrases()) {
            String kept = within(PHRASES, phrase, budget);
            if (!kept.isBlank()) {
                phrases.add(kept);
            }
        }
        UserQuery cut = new UserQuery(words, phrases);
        return new Cut(cut, !cut.equals(query));
    }

    /**
     * The start of {@code text} that holds at most {@code budget[0]} terms, each at most
     * {@link #MAX_REPEATS} times; the budget is reduced by what it holds. A text within both limits
     * is returned as it is; a repeated term beyond them is left out, with what stood before it.
     */
    private static String within(Analyzer analyzer, String text, int[] budget) {
        StringBuilder kept = new StringBuilder();
        Map<String, Integer> seen = new HashMap<>();
        int keptUpTo = 0;
        boolean changed = false;
        try (TokenStream stream = analyzer.tokenStream(Fields.ALL, text)) {
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (budget[0] == 0) {
                    changed = true;
                    break;
                }
                if (seen.merge(term.toString(), 1, Integer::sum) > MAX_REPEATS) {
                    changed = true;
                    keptUpTo = offset.endOffset();
                    continue;
                }
                budget[0]--;
                kept.append(text, keptUpTo, offset.endOffset());
                keptUpTo = offset.endOffset();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed ? kept.toString().strip() : text;
    }
}
