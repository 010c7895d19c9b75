package org.healthkb.importer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns headings and names into URL-safe anchors: lower case, ASCII letters and digits, hyphens. */
final class Slugs {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

    private Slugs() {
    }

    static String of(String text) {
        String ascii = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String slug = NON_WORD.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "section" : slug;
    }
}
