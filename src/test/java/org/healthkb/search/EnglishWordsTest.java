package org.healthkb.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnglishWordsTest {
    private final EnglishWords english = EnglishWords.get();

    @Test
    void knowsEnglishWordsInEitherSpellingAndAsTyped() {
        assertTrue(english.contains("quickly"));
        assertTrue(english.contains("feel"));
        assertTrue(english.contains("Quickly"));
        assertTrue(english.contains("SSRIs"), "an acronym as typed");
        assertTrue(english.contains("individualized"));
        assertTrue(english.contains("individualised"), "British spelling");
    }

    @Test
    void misspellingsAndNamesAreNotEnglish() {
        assertFalse(english.contains("ketmine"));
        assertFalse(english.contains("helth"));
        assertFalse(english.contains("mindbloom"));
        assertFalse(english.contains(""));
    }
}
