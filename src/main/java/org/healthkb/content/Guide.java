package org.healthkb.content;

import java.util.List;
import java.util.Objects;

/**
 * A guide as imported: its metadata, the passages it breaks into, and its body as safe HTML whose
 * elements carry exactly the passages' anchors.
 *
 * @param slug        the guide's slug, the file name without {@code .html}
 * @param source      the corpus-relative path of the file it came from
 * @param title       the guide's {@code <h1>}
 * @param description the {@code <meta name="description">}, or empty
 * @param html        the sanitised article body with passage anchors
 * @param passages    the passages in reading order
 * @param guideLinks  slugs of other guides this one links to
 */
public record Guide(String slug, String source, String title, String description, String html,
                    List<Passage> passages, List<String> guideLinks) {

    public Guide {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        passages = List.copyOf(passages);
        guideLinks = List.copyOf(guideLinks);
    }
}
