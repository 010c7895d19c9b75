package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
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

    /** The start of {@code text} that holds at most {@code budget[0]} terms; the budget is reduced by what it holds. */
    private static String within(Analyzer analyzer, String text, int[] budget) {
        int end = 0;
        boolean cut = false;
        try (TokenStream stream = analyzer.tokenStream(Fields.ALL, text)) {
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (budget[0] == 0) {
                    cut = true;
                    break;
                }
                budget[0]--;
                end = offset.endOffset();
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cut ? text.substring(0, end).strip() : text;
    }
}
