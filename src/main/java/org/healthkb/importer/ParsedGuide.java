package org.healthkb.importer;

import org.healthkb.passage.Guide;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A guide with what the corpus-wide checks need from it.
 *
 * @param guide          the guide itself
 * @param comparisonRows rows of tables with a "Provider" column, cells keyed by column name
 * @param ids            every element id on the rendered page, for checking links into it
 * @param links          links to guides: target slug and optional anchor
 * @param warnings       problems that do not stop the import
 */
record ParsedGuide(Guide guide, List<ComparisonRow> comparisonRows, Set<String> ids, List<GuideLink> links,
                   List<Problem> warnings) {

    /** One row of a provider comparison table. */
    record ComparisonRow(int line, Map<String, String> cells) {
        String provider() {
            return cells.getOrDefault("Provider", "");
        }
    }

    /** A link to a guide page, {@code /guides/<slug>#<anchor>}; anchor empty when the link has none. */
    record GuideLink(int line, String slug, String anchor) {
    }
}
