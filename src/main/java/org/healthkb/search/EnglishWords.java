package org.healthkb.search;

import morfologik.speller.Speller;
import morfologik.stemming.Dictionary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Locale;

/**
 * The words of English, from LanguageTool's US and British spelling dictionaries, read with
 * morfologik's speller. A word of a question that no guide uses is taken for a typo only when
 * English lacks it too: "feel" is not a misspelling of "fee", nor "worth" of "works", however close
 * they are; "ketmine" and "helth" are. Read once, never changed; thread-safe.
 */
final class EnglishWords {
    private static final List<String> DICTIONARIES = List.of("en_US", "en_GB");

    private final List<Speller> spellers;

    private EnglishWords(List<Speller> spellers) {
        this.spellers = spellers;
    }

    /** The dictionaries, read from their jar on first use (about 0.1 s) and shared after that. */
    static EnglishWords get() {
        return Loaded.WORDS;
    }

    private static final class Loaded {
        static final EnglishWords WORDS = new EnglishWords(DICTIONARIES.stream().map(EnglishWords::speller).toList());
    }

    /** True when the word, as typed or capitalised ("tylenol"), is an English word in either spelling. */
    boolean contains(String word) {
        if (word.isEmpty()) {
            return false;
        }
        String capitalised = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
        // A speller keeps buffers between calls, so one lookup at a time.
        synchronized (this) {
            for (Speller speller : spellers) {
                if (speller.isInDictionary(word) || speller.isInDictionary(capitalised)
                        || speller.isInDictionary(word.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Speller speller(String name) {
        String path = "/org/languagetool/resource/en/hunspell/" + name + ".dict";
        URL dictionary = EnglishWords.class.getResource(path);
        if (dictionary == null) {
            throw new IllegalStateException("the English dictionary " + path + " is missing from the class path");
        }
        try {
            return new Speller(Dictionary.read(dictionary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the English dictionary " + path, e);
        }
    }
}
