package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthkb.index.Fields;

import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * The three indexes of one generation (guides, passages, providers), as OpenSearch settings and
 * mappings. Field names and their purpose are those of {@link Fields}; the analysis is the embedded
 * index's: OpenSearch's {@code english} analyzer is Lucene's {@code EnglishAnalyzer} (possessives,
 * lower case, the same stop set, Porter), and {@code kb_vocabulary} is our unstemmed vocabulary
 * chain. Questions are analysed by our service (synonyms, question words, typo tolerance, missing
 * words all need the terms) and sent as terms ({@link QueryDsl}), so no search analyzer with
 * synonyms is defined here: editing synonyms needs no reindex, on either engine.
 */
final class OpenSearchSchema {
    /**
     * Bump when the mappings or analysis here change, so the next import rebuilds instead of writing
     * into indexes made by an older schema; recorded in each generation's {@code _meta}.
     */
    static final int VERSION = 2;
    static final String VERSION_KEY = "openSearchSchema";

    /** Lucene's HNSW defaults, which the embedded index uses: the same graph quality on both engines. */
    private static final int HNSW_M = 16;
    private static final int HNSW_EF_CONSTRUCTION = 100;
    /** Already-analysed terms separated by spaces, {@link QueryDsl#GAP} a position gap: how phrases are sent ({@link QueryDsl}). */
    static final String TERMS_ANALYZER = "kb_terms";
    /** Terms joined by {@link QueryDsl#SAME_POSITION}, stacked at one position: how one-word synonyms are sent. */
    static final String STACKED_ANALYZER = "kb_stacked";

    private OpenSearchSchema() {
    }

    /**
     * Settings shared by the three indexes: one primary shard (BM25's statistics are then the whole
     * corpus's, as in the embedded index; 40,000 passages are a small shard), and a replica wherever
     * there is a second node to hold it.
     */
    static ObjectNode settings(float k1, float b) {
        ObjectNode index = object();
        index.put("number_of_shards", 1);
        index.put("auto_expand_replicas", "0-1");
        index.put("knn", true);
        index.putObject("similarity").putObject("default").put("type", "BM25").put("k1", k1).put("b", b);
        ObjectNode settings = object();
        settings.set("index", index);
        ObjectNode analysis = settings.putObject("analysis");
        ObjectNode filters = analysis.putObject("filter");
        filters.putObject("kb_possessive").put("type", "stemmer").put("language", "possessive_english");
        filters.putObject("kb_gap").put("type", "stop").putArray("stopwords").add(QueryDsl.GAP);
        // Every capture at the position of the token it came from: "esketamin/spravato" -> both, stacked.
        filters.putObject("kb_stack").put("type", "pattern_capture").put("preserve_original", false)
                .putArray("patterns").add("([^" + QueryDsl.SAME_POSITION + "]+)");
        ObjectNode analyzers = analysis.putObject("analyzer");
        ObjectNode vocabulary = analyzers.putObject("kb_vocabulary");
        vocabulary.put("type", "custom").put("tokenizer", "standard");
        vocabulary.putArray("filter").add("kb_possessive").add("lowercase");
        ObjectNode terms = analyzers.putObject(TERMS_ANALYZER);
        terms.put("type", "custom").put("tokenizer", "whitespace");
        terms.putArray("filter").add("kb_gap");
        ObjectNode stacked = analyzers.putObject(STACKED_ANALYZER);
        stacked.put("type", "custom").put("tokenizer", "whitespace");
        stacked.putArray("filter").add("kb_stack");
        return settings;
    }

    static ObjectNode passages() {
        ObjectNode properties = object();
        keyword(properties, Fields.ID);
        keyword(properties, Fields.SOURCE);
        keyword(properties, Fields.SLUG);
        text(properties, Fields.TITLE, "english");
        text(properties, Fields.HEADINGS, "english");
        text(properties, Fields.ALL, "english");
        text(properties, Fields.SPELL, "kb_vocabulary");
        // Scored, unlike a keyword field's term (a constant): one untokenised term, no frequencies, no
        // norms, as the embedded index's StringField, so the exact-heading boost weighs the same.
        properties.putObject(Fields.HEADING_EXACT).put("type", "text").put("analyzer", "keyword")
                .put("index_options", "docs").put("norms", false);
        keyword(properties, Fields.SECTION_KEY);
        for (String shown : new String[] {Fields.TEXT, Fields.HEADING_PATH, Fields.SECTION, Fields.ANCHOR}) {
            stored(properties, shown);
        }
        return mapping(properties);
    }

    /** The vector field, added to the passages' mapping by the first write that has a vector of this length. */
    static ObjectNode vector(int dimension) {
        ObjectNode vector = object().put("type", "knn_vector").put("dimension", dimension);
        // The lucene engine: faiss (OpenSearch 3's default) needs a native library. Cosine on unit
        // vectors scores (1 + cos) / 2, as the embedded index's dot product does.
        vector.putObject("method").put("name", "hnsw").put("engine", "lucene").put("space_type", "cosinesimil")
                .putObject("parameters").put("m", HNSW_M).put("ef_construction", HNSW_EF_CONSTRUCTION);
        ObjectNode properties = object();
        properties.set(Fields.VECTOR, vector);
        return object().set("properties", properties);
    }

    static ObjectNode guides() {
        ObjectNode properties = object();
        keyword(properties, Fields.ID);
        keyword(properties, Fields.SOURCE);
        keyword(properties, Fields.SLUG);
        for (String shown : new String[] {Fields.GUIDE_TITLE, Fields.DESCRIPTION, Fields.HTML, Fields.LINKS, Fields.CHECKS}) {
            stored(properties, shown);
        }
        return mapping(properties);
    }

    static ObjectNode providers() {
        ObjectNode properties = object();
        keyword(properties, Fields.ID);
        keyword(properties, Fields.SOURCE);
        keyword(properties, Fields.NAME_SORT);
        text(properties, Fields.PROVIDER_TEXT, "english");
        keyword(properties, Fields.DOSE_FLEXIBILITY);
        keyword(properties, Fields.TRD_SUITABILITY);
        properties.putObject(Fields.SUITABILITY_RANK).put("type", "integer");
        properties.putObject(Fields.MONTHLY_PRICE).put("type", "double");
        // The whole record as imported, shown as is: nothing in it is searched.
        properties.putObject(OpenSearchDocuments.RECORD).put("type", "object").put("enabled", false);
        return mapping(properties);
    }

    /** Strict: a document with a field the schema does not name is refused, not silently mapped. */
    private static ObjectNode mapping(ObjectNode properties) {
        ObjectNode mapping = object().put("dynamic", "strict");
        mapping.set("properties", properties);
        return mapping;
    }

    private static void keyword(ObjectNode properties, String field) {
        properties.putObject(field).put("type", "keyword");
    }

    private static void text(ObjectNode properties, String field, String analyzer) {
        properties.putObject(field).put("type", "text").put("analyzer", analyzer);
    }

    /** Kept in {@code _source} for display, not indexed. */
    private static void stored(ObjectNode properties, String field) {
        properties.putObject(field).put("type", "keyword").put("index", false).put("doc_values", false);
    }
}
