package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.healthkb.index.Analyzers;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Did you mean": replaces each word that neither the index nor English has ({@link EnglishWords})
 * with the closest word the index has within the edits typo tolerance allows a word of its length
 * ({@link Ranking#editsFor}), found by the engine ({@link SearchView#closestWord}) in the unstemmed
 * vocabulary field, so suggestions are words readers would write ("ketamine"), not stems
 * ("ketamin"). A real word the guides happen not to use is left alone: "how quickly do patients
 * feel better" is not turned into "... fees better".
 */
final class SpellingCorrector {
    private static final Analyzer WORDS = Analyzers.vocabulary();
    private final EnglishWords english = EnglishWords.get();
    private final Ranking ranking;

    SpellingCorrector(Ranking ranking) {
        this.ranking = ranking;
    }

    /**
     * The words with misspellings replaced, or null when every word is known. Only the first
     * {@link QuestionBudget#MAX_TYPO_WORDS} distinct unknown words are looked up (each lookup walks the
     * vocabulary), and a word typed several times is looked up once.
     */
    String correct(String words, SearchView view) {
        StringBuilder corrected = new StringBuilder();
        int copied = 0;
        boolean changed = false;
        Map<String, String> lookedUp = new HashMap<>(); // unknown word as typed -> closest indexed word, or null
        boolean shouted = words.equals(words.toUpperCase(Locale.ROOT)) && words.strip().contains(" ");
        try (TokenStream stream = WORDS.tokenStream(Fields.SPELL, words)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String typed = words.substring(offset.startOffset(), offset.endOffset());
                Term word = new Term(Fields.SPELL, term.toString());
                String replacement = null;
                if (isUnknown(word, typed, shouted, view)) {
                    if (lookedUp.containsKey(typed)) {
                        replacement = lookedUp.get(typed);
                    } else if (lookedUp.size() < QuestionBudget.MAX_TYPO_WORDS) {
                        replacement = view.closestWord(word, ranking.editsFor(word.text().length()));
                        lookedUp.put(typed, replacement);
                    }
                }
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

    /** The vocabulary terms {@link #correct} will ask the view about, for {@link SearchView#expect}. */
    static List<Term> termsAskedFor(String words) {
        List<Term> terms = new ArrayList<>();
        try (TokenStream stream = WORDS.tokenStream(Fields.SPELL, words)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(new Term(Fields.SPELL, term.toString()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * Codes and acronyms ("KRT17", "VPS9a", "polI", "MFGE8") are names, not misspelt words: a digit
     * or a capital after the first letter says so, and the closest indexed word is another name.
     * Capitals say nothing in a question of several words typed all in capitals ("KETMINE DOSE").
     */
    private static boolean isName(String typed, boolean shouted) {
        return typed.chars().anyMatch(Character::isDigit) || !shouted && typed.chars().skip(1).anyMatch(Character::isUpperCase);
    }

    /** True when a word may be a misspelling: neither the index nor English has it, checked cheapest first. */
    private boolean isUnknown(Term term, String typed, boolean shouted, SearchView view) throws IOException {
        return ranking.editsFor(term.text().length()) > 0 && !view.hasTerm(term)
                && !Analyzers.QUESTION_WORDS.contains(term.text()) && !isName(typed, shouted)
                && !english.contains(typed) && !english.contains(term.text());
    }
}
