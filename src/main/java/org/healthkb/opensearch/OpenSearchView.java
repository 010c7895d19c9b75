package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.healthkb.content.Passage;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.search.GuidePage;
import org.healthkb.search.GuideSummary;
import org.healthkb.search.ProviderAnswers;
import org.healthkb.search.SearchView;
import org.healthkb.search.Snippets;
import org.healthkb.search.TimeBudget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * One request's view of one OpenSearch generation. Passages get int handles in the order this view
 * first meets them; their ids and sections come with the hits that introduce them, so diversity and
 * tie-breaking need no further request. Not thread-safe: one per request.
 */
final class OpenSearchView implements SearchView {
    private final OpenSearchClient client;
    private final OpenSearchEngine.Generation generation;
    private final List<String> ids = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final Map<String, Integer> handles = new HashMap<>();
    private final Map<Term, Boolean> known = new HashMap<>();

    OpenSearchView(OpenSearchClient client, OpenSearchEngine.Generation generation) {
        this.client = client;
        this.generation = generation;
    }

    @Override
    public CommitRecord commit() {
        return generation.commit();
    }

    @Override
    public IndexSnapshot.Contents contents() {
        return generation.contents();
    }

    @Override
    public long version() {
        return generation.number();
    }

    @Override
    public Analyzer queryAnalyzer(boolean dropQuestionWords) {
        return dropQuestionWords ? generation.questions() : generation.keywords();
    }

    /** One request for all of them: a filter per term, counted in one aggregation. */
    @Override
    public void expect(Supplier<Collection<Term>> terms) throws IOException {
        List<Term> unknown = terms.get().stream().distinct().filter(t -> !known.containsKey(t)).toList();
        if (unknown.isEmpty() || generation.name() == null) {
            return;
        }
        ObjectNode search = object().put("size", 0);
        ObjectNode filters = search.putObject("aggs").putObject("terms").putObject("filters").putObject("filters");
        for (int i = 0; i < unknown.size(); i++) {
            filters.putObject(Integer.toString(i)).putObject("term").putObject(unknown.get(i).field())
                    .put("value", unknown.get(i).text());
        }
        JsonNode buckets = client.post(passages() + "/_search", search).path("aggregations").path("terms").path("buckets");
        for (int i = 0; i < unknown.size(); i++) {
            known.put(unknown.get(i), buckets.path(Integer.toString(i)).path("doc_count").asLong() > 0);
        }
    }

    /** Asked for each word of a question, often twice: each term is asked of the cluster once per request. */
    @Override
    public boolean hasTerm(Term term) throws IOException {
        Boolean has = known.get(term);
        if (has == null) {
            ObjectNode query = object();
            query.putObject("term").putObject(term.field()).put("value", term.text());
            has = generation.name() != null && exists(query);
            known.put(term, has);
        }
        return has;
    }

    @Override
    public boolean matchesAny(Query query) throws IOException {
        return generation.name() != null && exists(QueryDsl.of(query));
    }

    private boolean exists(ObjectNode query) throws IOException {
        ObjectNode search = object().put("size", 0).put("terminate_after", 1).put("track_total_hits", 1);
        search.set("query", query);
        return client.post(passages() + "/_search", search).path("hits").path("total").path("value").asLong() > 0;
    }

    /**
     * OpenSearch's term suggester is Lucene's {@code DirectSpellChecker}, set as the embedded index's
     * is: its defaults, suggest only when missing, {@code maxEdits} edits.
     */
    @Override
    public String closestWord(Term term, int maxEdits) throws IOException {
        if (generation.name() == null) {
            return null;
        }
        ObjectNode search = object().put("size", 0);
        search.putObject("suggest").putObject("closest").put("text", term.text()).putObject("term")
                .put("field", term.field()).put("suggest_mode", "missing").put("max_edits", maxEdits).put("size", 1)
                .put("prefix_length", 1).put("min_word_length", 4).put("accuracy", 0.5f).put("max_inspections", 5)
                .put("max_term_freq", 0.01f).put("min_doc_freq", 0).put("string_distance", "internal")
                .put("sort", "score");
        JsonNode options = client.post(passages() + "/_search", search).path("suggest").path("closest").path(0).path("options");
        return options.isEmpty() ? null : options.get(0).path("text").asText();
    }

    @Override
    public Top top(Query query, int n, int exactTotalUpTo, TimeBudget budget) throws IOException {
        if (generation.name() == null) {
            return new Top(List.of(), 0, true);
        }
        ObjectNode search = withSections(object().put("size", n).put("track_total_hits", exactTotalUpTo)
                .put("track_scores", true).put("timeout", budget.duration().toMillis() + "ms"));
        search.set("query", QueryDsl.of(query));
        ArrayNode sort = search.putArray("sort");
        sort.add("_score");
        sort.addObject().put(Fields.ID, "asc");
        JsonNode answer = client.post(passages() + "/_search", search);
        if (answer.path("timed_out").asBoolean()) {
            budget.markCut();
        }
        List<ScoreDoc> docs = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            docs.add(new ScoreDoc(handle(hit), (float) hit.path("_score").asDouble()));
        }
        JsonNode total = answer.path("hits").path("total");
        return new Top(docs, total.path("value").asLong(), total.path("relation").asText().equals("eq"));
    }

    @Override
    public Map<Integer, Float> nearest(float[] question, int k) throws IOException {
        Map<Integer, Float> cosines = new HashMap<>();
        if (generation.name() == null) {
            return cosines;
        }
        ObjectNode search = withSections(object().put("size", k));
        search.putObject("query").putObject("knn").putObject(Fields.VECTOR).put("k", k)
                .set("vector", OpenSearchDocuments.vector(question));
        for (JsonNode hit : client.post(passages() + "/_search", search).path("hits").path("hits")) {
            // The lucene engine scores cosine similarity as (1 + cosine) / 2, as the embedded index does.
            cosines.put(handle(hit), (float) (2 * hit.path("_score").asDouble() - 1));
        }
        return cosines;
    }

    /**
     * A k-NN search restricted to {@code docs}: so few that the lucene engine compares the question with
     * each of them exactly, and only ids and scores come back (their vectors as JSON were 28 ms a question).
     */
    @Override
    public Map<Integer, Float> cosines(List<Integer> docs, float[] question) throws IOException {
        Map<Integer, Float> cosines = new HashMap<>();
        if (docs.isEmpty() || generation.name() == null) {
            return cosines;
        }
        ObjectNode search = object().put("size", docs.size()).put("_source", false);
        ObjectNode knn = search.putObject("query").putObject("knn").putObject(Fields.VECTOR).put("k", docs.size());
        knn.set("vector", OpenSearchDocuments.vector(question));
        knn.set("filter", ids(docs));
        for (JsonNode hit : client.post(passages() + "/_search", search).path("hits").path("hits")) {
            cosines.put(handles.get(hit.path("_id").asText()), (float) (2 * hit.path("_score").asDouble() - 1));
        }
        return cosines;
    }

    @Override
    public long matching(Query query, List<Integer> docs) throws IOException {
        ObjectNode search = object();
        ObjectNode bool = search.putObject("query").putObject("bool");
        bool.putArray("must").add(QueryDsl.of(query));
        bool.putArray("filter").add(ids(docs));
        return client.post(passages() + "/_count", search).path("count").asLong();
    }

    @Override
    public void sortByScoreThenId(List<ScoreDoc> docs) {
        docs.sort(Comparator.<ScoreDoc>comparingDouble(d -> -d.score).thenComparing(d -> ids.get(d.doc)));
    }

    @Override
    public String sectionKey(int doc) {
        return sections.get(doc);
    }

    @Override
    public IntPredicate namesAProvider() throws IOException {
        Map<Integer, Boolean> named = new HashMap<>();
        ProviderAnswers answers = ProviderAnswers.of(generation.providerNames());
        List<Integer> all = new ArrayList<>(handles.values());
        for (JsonNode doc : fetch(all, Fields.TEXT, Fields.HEADING_PATH)) {
            Passage passage = OpenSearchDocuments.toPassage(doc.path("_source"));
            named.put(handles.get(doc.path("_id").asText()), answers.named(passage.text(), passage.headingPath()));
        }
        return doc -> named.getOrDefault(doc, false);
    }

    @Override
    public List<Passage> passages(List<ScoreDoc> docs) throws IOException {
        Map<String, Passage> byId = new HashMap<>();
        for (JsonNode doc : fetch(docs.stream().map(d -> d.doc).toList())) {
            byId.put(doc.path("_id").asText(), OpenSearchDocuments.toPassage(doc.path("_source")));
        }
        return docs.stream().map(d -> byId.get(ids.get(d.doc))).toList();
    }

    @Override
    public String[] snippets(Query query, List<ScoreDoc> docs, String[] texts) throws IOException {
        return Snippets.of(query, texts);
    }

    @Override
    public String id(int doc) {
        return ids.get(doc);
    }

    @Override
    public Optional<GuidePage> guide(String slug) throws IOException {
        if (generation.name() == null) {
            return Optional.empty();
        }
        ObjectNode search = object().put("size", 1);
        search.set("query", term(Fields.SLUG, slug));
        JsonNode guide = client.post(generation.index(Generations.GUIDES) + "/_search", search).path("hits").path("hits");
        if (guide.isEmpty()) {
            return Optional.empty();
        }
        JsonNode source = guide.get(0).path("_source");
        int passages = client.post(passages() + "/_count", object().set("query", term(Fields.SLUG, slug))).path("count").asInt();
        List<String> links = new ArrayList<>();
        source.path(Fields.LINKS).forEach(l -> links.add(l.asText()));
        return Optional.of(new GuidePage(slug, source.path(Fields.GUIDE_TITLE).asText(), source.path(Fields.DESCRIPTION).asText(),
                source.path(Fields.HTML).asText(), passages, links));
    }

    @Override
    public List<GuideSummary> guides() throws IOException {
        List<GuideSummary> guides = new ArrayList<>();
        if (generation.name() == null) {
            return guides;
        }
        ObjectNode search = object().put("size", 10_000);
        search.putArray("_source").add(Fields.SLUG).add(Fields.GUIDE_TITLE).add(Fields.DESCRIPTION);
        for (JsonNode hit : client.post(generation.index(Generations.GUIDES) + "/_search", search).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            guides.add(new GuideSummary(source.path(Fields.SLUG).asText(), source.path(Fields.GUIDE_TITLE).asText(),
                    source.path(Fields.DESCRIPTION).asText()));
        }
        guides.sort(Comparator.comparing(GuideSummary::title, String.CASE_INSENSITIVE_ORDER));
        return guides;
    }

    private String passages() {
        return generation.index(Generations.PASSAGES);
    }

    /** Hits carry their id and section, and no source. */
    private static ObjectNode withSections(ObjectNode search) {
        search.put("_source", false);
        search.putArray("docvalue_fields").add(Fields.SECTION_KEY);
        return search;
    }

    private int handle(JsonNode hit) {
        String id = hit.path("_id").asText();
        return handles.computeIfAbsent(id, key -> {
            ids.add(key);
            sections.add(hit.path("fields").path(Fields.SECTION_KEY).path(0).asText(key));
            return ids.size() - 1;
        });
    }

    /** The passages' sources (only {@code fields} when given, else all but the vector), in one request. */
    private List<JsonNode> fetch(Collection<Integer> docs, String... fields) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (docs.isEmpty()) {
            return found;
        }
        ObjectNode request = object();
        ArrayNode list = request.putArray("ids");
        docs.forEach(doc -> list.add(ids.get(doc)));
        String source = fields.length == 0 ? "_source_excludes=" + Fields.VECTOR : "_source_includes=" + String.join(",", fields);
        for (JsonNode doc : client.post(passages() + "/_mget?" + source, request).path("docs")) {
            if (doc.path("found").asBoolean()) {
                found.add(doc);
            }
        }
        return found;
    }

    private ObjectNode ids(List<Integer> docs) {
        ObjectNode query = object();
        ArrayNode values = query.putObject("ids").putArray("values");
        docs.forEach(doc -> values.add(ids.get(doc)));
        return query;
    }

    private static ObjectNode term(String field, String value) {
        ObjectNode query = object();
        query.putObject("term").putObject(field).put("value", value);
        return query;
    }
}
