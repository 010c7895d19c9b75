package org.healthkb.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.content.Provider;
import org.healthkb.index.Documents;
import org.healthkb.index.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.healthkb.opensearch.OpenSearchClient.object;

/** Maps the shared records to OpenSearch documents and back, with the fields of {@link OpenSearchSchema}. */
final class OpenSearchDocuments {
    /** A provider's whole record, as imported, for display. */
    static final String RECORD = "record";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenSearchDocuments() {
    }

    static ObjectNode guide(Guide guide, String checks) {
        ObjectNode doc = object();
        doc.put(Fields.ID, guide.slug());
        doc.put(Fields.SOURCE, guide.source());
        doc.put(Fields.SLUG, guide.slug());
        doc.put(Fields.GUIDE_TITLE, guide.title());
        doc.put(Fields.DESCRIPTION, guide.description());
        doc.put(Fields.HTML, guide.html());
        ArrayNode links = doc.putArray(Fields.LINKS);
        guide.guideLinks().forEach(links::add);
        if (checks != null) {
            doc.put(Fields.CHECKS, checks);
        }
        return doc;
    }

    /** A passage, with the same indexed text as the embedded index's document ({@code Documents#passage}). */
    static ObjectNode passage(Passage passage, String source, float[] vector) {
        ObjectNode doc = object();
        doc.put(Fields.ID, passage.id());
        doc.put(Fields.SOURCE, source);
        doc.put(Fields.SLUG, passage.guideSlug());
        String headings = String.join("\n", passage.sectionHeadings());
        doc.put(Fields.TITLE, passage.guideTitle());
        doc.put(Fields.HEADINGS, headings);
        String all = String.join("\n", passage.guideTitle(), headings, passage.text()).strip();
        doc.put(Fields.ALL, all);
        doc.put(Fields.SPELL, all);
        if (!passage.sectionHeadings().isEmpty()) {
            doc.put(Fields.HEADING_EXACT, Documents.normaliseHeading(passage.sectionHeadings().getLast()));
        }
        String section = passage.sectionAnchor() == null ? "" : passage.sectionAnchor();
        doc.put(Fields.SECTION_KEY, passage.guideSlug() + "#" + section);
        doc.put(Fields.TEXT, passage.text());
        ArrayNode path = doc.putArray(Fields.HEADING_PATH);
        passage.headingPath().forEach(path::add);
        doc.put(Fields.SECTION, section);
        doc.put(Fields.ANCHOR, passage.anchor());
        if (vector != null) {
            doc.set(Fields.VECTOR, vector(vector));
        }
        return doc;
    }

    static ArrayNode vector(float[] vector) {
        ArrayNode values = object().arrayNode(vector.length);
        for (float v : vector) {
            values.add(v);
        }
        return values;
    }

    static float[] vectorOf(JsonNode values) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values.get(i).asDouble();
        }
        return vector;
    }

    static Passage toPassage(JsonNode source) {
        List<String> path = new ArrayList<>();
        source.path(Fields.HEADING_PATH).forEach(h -> path.add(h.asText()));
        String section = source.path(Fields.SECTION).asText();
        return new Passage(source.path(Fields.ID).asText(), source.path(Fields.SLUG).asText(),
                source.path(Fields.TITLE).asText(), path, section, source.path(Fields.ANCHOR).asText(),
                source.path(Fields.TEXT).asText());
    }

    static ObjectNode provider(Provider provider, String source) {
        ObjectNode doc = object();
        doc.put(Fields.ID, provider.id());
        doc.put(Fields.SOURCE, source);
        doc.put(Fields.NAME_SORT, provider.name().toLowerCase(Locale.ROOT));
        doc.put(Fields.PROVIDER_TEXT, String.join("\n", provider.name(), provider.notes() == null ? "" : provider.notes(),
                provider.doseFlexibility().label(), provider.trdSuitability().label()));
        doc.put(Fields.DOSE_FLEXIBILITY, provider.doseFlexibility().label());
        doc.put(Fields.TRD_SUITABILITY, provider.trdSuitability().label());
        doc.put(Fields.SUITABILITY_RANK, provider.trdSuitability().rank());
        if (provider.monthlyPriceUsd() != null) {
            doc.put(Fields.MONTHLY_PRICE, provider.monthlyPriceUsd());
        }
        doc.set(RECORD, JSON.valueToTree(provider));
        return doc;
    }

    static Provider toProvider(JsonNode source) {
        try {
            return JSON.treeToValue(source.path(RECORD), Provider.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a provider record in OpenSearch does not read back: " + e.getMessage(), e);
        }
    }
}
