package org.healthkb;

import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.semantic.Embedder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guides built in code for tests of the index and the search below the importer: clearly synthetic
 * (every text says so), small, and independent of what the editors put in {@code corpus/}.
 */
public final class SyntheticGuides {
    private SyntheticGuides() {
    }

    /**
     * A guide {@code synthetic-<number>} with {@code passages} passages: the first before any section
     * heading (no section anchor), the rest under "Section k" headings.
     */
    public static Guide guide(int number, int passages) {
        return guide(number, passages, "");
    }

    /** The same, with {@code edit} appended to every passage's text (a new version of the guide). */
    public static Guide guide(int number, int passages, String edit) {
        String slug = "synthetic-" + number;
        String title = "Synthetic guide " + number;
        List<Passage> list = new ArrayList<>();
        for (int p = 0; p < passages; p++) {
            boolean beforeHeadings = p == 0;
            List<String> headings = beforeHeadings ? List.of(title) : List.of(title, "Section " + p);
            String text = "Synthetic test passage " + p + " of guide " + number + " about word" + (p % 7)
                    + " and topic" + number + edit + ".";
            list.add(new Passage(Passage.idOf(slug, "p" + p), slug, title, headings,
                    beforeHeadings ? null : "section-" + p, "p" + p, text));
        }
        return new Guide(slug, "guides/" + slug + ".html", title, "", "<p>synthetic</p>", list, List.of());
    }

    /** The vectors of every passage of {@code guides} by embedded text, as an import's embedding step gives them. */
    public static Map<String, float[]> vectors(List<Guide> guides, Embedder embedder) {
        Map<String, float[]> vectors = new HashMap<>();
        guides.stream().flatMap(g -> g.passages().stream()).map(Embedder::textOf).distinct()
                .forEach(text -> vectors.put(text, embedder.passages(List.of(text)).getFirst()));
        return vectors;
    }
}
