package org.healthkb.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the corpus-wide checks need from a guide, kept with the guide in the index: an import reads
 * only the guide files that changed, and checks links and comparison tables across the whole corpus
 * with these for the rest.
 *
 * @param slug           the guide's slug
 * @param passages       how many passages it makes
 * @param comparisonRows rows of tables with a "Provider" column, cells keyed by column name
 * @param ids            every element id on the rendered page, for checking links into it
 * @param links          links to guides: target slug and optional anchor
 * @param warnings       problems of the guide alone that do not stop the import
 */
public record GuideChecks(String slug, int passages, List<ComparisonRow> comparisonRows, Set<String> ids,
                          List<GuideLink> links, List<Problem> warnings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of a provider comparison table. */
    public record ComparisonRow(int line, Map<String, String> cells) {
        String provider() {
            return cells.getOrDefault("Provider", "");
        }
    }

    /** A link to a guide page, {@code /guides/<slug>#<anchor>}; anchor empty when the link has none. */
    public record GuideLink(int line, String slug, String anchor) {
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the checks of guide '" + slug + "' cannot be written as JSON", e);
        }
    }

    /** The checks as {@link #toJson} wrote them, or null when {@code json} is not such a record (an index from before them). */
    public static GuideChecks fromJson(String json) {
        try {
            return json == null ? null : JSON.readValue(json, GuideChecks.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
