package org.healthkb.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader's question split into plain words and quoted phrases. Nothing else in it has meaning:
 * field names, wildcards, boosts and operators are just characters, which analysis drops, so a reader
 * can never reach Lucene syntax they did not mean.
 *
 * @param words   the text outside quotes, in order
 * @param phrases the text inside each pair of double quotes (straight or curly)
 */
public record UserQuery(String words, List<String> phrases) {

    public UserQuery {
        phrases = List.copyOf(phrases);
    }

    public static UserQuery parse(String raw) {
        String normalised = raw.replace('\u201c', '"').replace('\u201d', '"');
        StringBuilder words = new StringBuilder();
        List<String> phrases = new ArrayList<>();
        int i = 0;
        while (i < normalised.length()) {
            int open = normalised.indexOf('"', i);
            int close = open < 0 ? -1 : normalised.indexOf('"', open + 1);
            if (open < 0 || close < 0) {
                words.append(' ').append(normalised.substring(i).replace('"', ' '));
                break;
            }
            words.append(' ').append(normalised, i, open);
            String phrase = normalised.substring(open + 1, close).strip();
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
            i = close + 1;
        }
        return new UserQuery(words.toString().strip().replaceAll("\\s+", " "), phrases);
    }

    /** The question with quotes removed, as compared with headings for an exact match. */
    public String plainText() {
        return (words + " " + String.join(" ", phrases)).strip();
    }

    public UserQuery withWords(String newWords) {
        return new UserQuery(newWords, phrases);
    }
}
