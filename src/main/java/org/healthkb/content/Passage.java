package org.healthkb.content;

import java.util.List;
import java.util.Objects;

/**
 * One answerable piece of a guide: a paragraph, a list with the sentence that introduces it,
 * or a table row with its column names.
 *
 * @param id            stable id, {@code <slug>#<anchor>}; unchanged when an unchanged guide is imported again
 * @param guideSlug     the guide's slug, its file name without {@code .html}
 * @param guideTitle    the guide's title (its {@code <h1>})
 * @param headingPath   headings above the passage, outermost first (h1, h2, h3 ...)
 * @param sectionAnchor the {@code id} of the nearest heading, for linking to the section
 * @param anchor        the passage's own anchor on the rendered guide page
 * @param text          plain text: entities decoded once, whitespace normalised, blocks separated by newlines
 */
public record Passage(String id, String guideSlug, String guideTitle, List<String> headingPath,
                      String sectionAnchor, String anchor, String text) {

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(guideSlug, "guideSlug");
        headingPath = List.copyOf(headingPath);
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(text, "text");
    }

    public static String idOf(String guideSlug, String anchor) {
        return guideSlug + "#" + anchor;
    }

    /** The headings below the guide title, the part of the path that says where in the guide this is. */
    public List<String> sectionHeadings() {
        return headingPath.size() <= 1 ? List.of() : headingPath.subList(1, headingPath.size());
    }
}
