package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.healthkb.index.Analyzers;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * "Did you mean": replaces each word the index has never seen with the closest word it has, using
 * Lucene's {@link DirectSpellChecker} over the unstemmed vocabulary field, so suggestions are words
 * readers would write ("ketamine"), not stems ("ketamin").
 */
final class SpellingCorrector {
    private static final Analyzer WORDS = Analyzers.vocabulary();
    private final DirectSpellChecker checker = new DirectSpellChecker();

    SpellingCorrector() {
        checker.setMinQueryLength(4);
        checker.setMaxEdits(2);
    }

    /** The words with misspellings replaced, or null when every word is known. */
    String correct(String words, IndexReader reader) {
        StringBuilder corrected = new StringBuilder();
        int copied = 0;
        boolean changed = false;
        try (TokenStream stream = WORDS.tokenStream(Fields.SPELL, words)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String replacement = suggestion(new Term(Fields.SPELL, term.toString()), reader);
                if (replacement != null) {
                    corrected.append(words, copied, offset.startOffset()).append(replacement);
                    copied = offset.endOffset();
                    changed = true;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed ? corrected.append(words.substring(copied)).toString() : null;
    }

    private String suggestion(Term term, IndexReader reader) throws IOException {
        if (term.text().length() < checker.getMinQueryLength() || reader.docFreq(term) > 0
                || Analyzers.QUESTION_WORDS.contains(term.text())) {
            return null;
        }
        SuggestWord[] words = checker.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return words.length == 0 ? null : words[0].string;
    }
}
