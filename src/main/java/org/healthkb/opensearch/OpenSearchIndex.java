package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.content.Provider;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.ContentStore;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexUpdate;
import org.healthkb.semantic.Embedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.healthkb.opensearch.Generations.GUIDES;
import static org.healthkb.opensearch.Generations.PASSAGES;
import static org.healthkb.opensearch.Generations.PROVIDERS;
import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * The knowledge base's content in an OpenSearch cluster: guides, passages and providers in an index
 * each, {@code <prefix>-<generation>-<kind>}, read through the aliases {@code <prefix>-<kind>}.
 * <p>
 * An import never writes where readers read. It writes a new generation: a fresh one for a full
 * import, else a clone of the served one (hard links, no copying) with the changed sources replaced;
 * then one {@code _aliases} request moves all three aliases to it, atomically, so readers see the old
 * content or the new, never a mix. The generation it replaced is deleted by a later import, once it
 * has served nobody for {@link #RETIRED_FOR}: deleting it at once fails the searches still running
 * on it ("all shards failed", seen in {@code OpenSearchIndexIT}). A failed import deletes its own
 * generation and leaves the aliases alone. Vectors an import adds after its commit are written into
 * the served generation, each only onto the passage text it was computed from.
 * The commit record lives in the passages index's mapping ({@code _meta}). One import at a time per
 * prefix: the importer's own lock serialises them within a process.
 */
public final class OpenSearchIndex implements ContentStore {
    /** Documents per bulk request: a few MB with vectors, well under OpenSearch's 100 MB limit. */
    private static final int BULK_DOCUMENTS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a replaced generation is kept for the searches that were running on it when the aliases moved. */
    static final Duration RETIRED_FOR = Duration.ofMinutes(1);

    private final OpenSearchClient client;
    private final Generations generations;
    private final float k1;
    private final float b;
    private final String embeddingModel;
    private final Duration retiredFor;

    private OpenSearchIndex(OpenSearchClient client, String prefix, float k1, float b, String embeddingModel,
                            Duration retiredFor) {
        this.client = client;
        this.retiredFor = retiredFor;
        this.generations = new Generations(client, prefix);
        this.k1 = k1;
        this.b = b;
        this.embeddingModel = embeddingModel;
    }

    /**
     * Connects to the cluster (failing at once, naming it, when it does not answer).
     *
     * @param k1             BM25's k1 and {@code b}, the ranking's
     * @param embeddingModel the model passage vectors are written with
     */
    public static OpenSearchIndex open(OpenSearchTarget target, float k1, float b, String embeddingModel) throws IOException {
        return open(target, k1, b, embeddingModel, RETIRED_FOR);
    }

    /** As {@link #open(OpenSearchTarget, float, float, String)}, keeping replaced generations for {@code retiredFor}. */
    static OpenSearchIndex open(OpenSearchTarget target, float k1, float b, String embeddingModel, Duration retiredFor)
            throws IOException {
        OpenSearchClient client = target.client();
        JsonNode cluster = client.get("");
        if (!cluster.path("version").path("distribution").asText().equals("opensearch")) {
            throw new OpenSearchException(client.url() + " is not OpenSearch: it answered " + cluster);
        }
        return new OpenSearchIndex(client, target.prefix(), k1, b, embeddingModel, retiredFor);
    }

    @Override
    public String location() {
        return client.url() + " (indexes " + generations.prefix() + "-*)";
    }

    private String alias(String kind) {
        return generations.alias(kind);
    }

    private String servedGeneration() throws IOException {
        return generations.served();
    }

    @Override
    public CommitRecord commitRecord() {
        return CommitRecord.fromUserData(meta());
    }

    /** The served generation's {@code _meta}: its commit record and the schema it was written with; empty before the first. */
    private Map<String, String> meta() {
        return unchecked(() -> {
            String served = servedGeneration();
            return served == null ? Map.of() : generations.meta(served);
        });
    }

    /** Also true when the served generation was written with another OpenSearch schema ({@link OpenSearchSchema#VERSION}). */
    @Override
    public boolean needsRebuild(boolean vectors) {
        Map<String, String> meta = meta();
        return !CommitRecord.fromUserData(meta).compatibleWith(vectors ? embeddingModel : "")
                || !Integer.toString(OpenSearchSchema.VERSION).equals(meta.get(OpenSearchSchema.VERSION_KEY));
    }

    @Override
    public boolean keywordOnly() {
        CommitRecord record = commitRecord();
        return record.committedAt() != null && record.embeddingModel().isEmpty();
    }

    @Override
    public Applied apply(IndexUpdate update) throws IOException {
        String served = servedGeneration();
        deleteRetiredGenerations(served);
        String next = generations.next(served);
        boolean copied = !update.full() && served != null;
        try {
            if (copied) {
                generations.copy(served, next);
                deleteSources(next, replacedSources(update));
            } else {
                generations.create(next, OpenSearchSchema.settings(k1, b));
            }
            int written = write(next, update);
            client.post(String.join(",", Generations.indexes(next)) + "/_refresh", null);
            CommitRecord record = new CommitRecord(CommitRecord.SCHEMA_VERSION, update.hashes(), update.stamps(),
                    update.synonyms(), update.embeddingModel(), Instant.now());
            Map<String, String> meta = new TreeMap<>(record.toUserData());
            meta.put(OpenSearchSchema.VERSION_KEY, Integer.toString(OpenSearchSchema.VERSION));
            client.put(Generations.index(next, PASSAGES) + "/_mapping", object().set("_meta", JSON.valueToTree(meta)));
            generations.serve(served, next);
            return new Applied(written);
        } catch (IOException | RuntimeException e) {
            generations.deleteQuietly(next, e);
            throw e;
        } finally {
            if (copied) {
                generations.allowWrites(served);
            }
        }
    }

    @Override
    public Map<String, float[]> vectorsFrom(Collection<String> sources) {
        Map<String, float[]> byText = new HashMap<>();
        if (sources.isEmpty()) {
            return byText;
        }
        unchecked(() -> {
            client.scan(alias(PASSAGES), bySource(sources), List.of(), source -> {
                if (source.has(Fields.VECTOR)) {
                    byText.put(Embedder.textOf(OpenSearchDocuments.toPassage(source)),
                            OpenSearchDocuments.vectorOf(source.path(Fields.VECTOR)));
                }
            });
            return null;
        });
        return byText;
    }

    @Override
    public int passagesWithoutVectors() {
        return unchecked(() -> servedGeneration() == null ? 0
                : client.post(alias(PASSAGES) + "/_count", object().set("query", withoutVector())).path("count").asInt());
    }

    @Override
    public List<PendingPassage> passagesWithoutVectors(int limit) {
        return unchecked(() -> {
            List<PendingPassage> pending = new ArrayList<>();
            if (servedGeneration() == null) {
                return pending;
            }
            ObjectNode search = object().put("size", Math.min(Math.max(1, limit), 10_000));
            search.set("query", withoutVector());
            search.putArray("sort").add(Fields.ID);
            for (JsonNode hit : client.post(alias(PASSAGES) + "/_search", search).path("hits").path("hits")) {
                Passage passage = OpenSearchDocuments.toPassage(hit.path("_source"));
                pending.add(new PendingPassage(passage.id(), Embedder.textOf(passage)));
            }
            return pending;
        });
    }

    /**
     * Writes each vector onto its passage in the served generation, conditional on the version read
     * (a concurrent change of the passage makes the write a conflict, skipped), then refreshes.
     */
    @Override
    public int addVectors(Map<PendingPassage, float[]> vectors) throws IOException {
        String served = servedGeneration();
        if (served == null || vectors.isEmpty()) {
            return 0;
        }
        String passages = Generations.index(served, PASSAGES);
        ensureVectorField(passages, vectors.values().iterator().next().length);
        Map<String, PendingPassage> byId = new HashMap<>();
        vectors.keySet().forEach(p -> byId.put(p.id(), p));
        ObjectNode ids = object();
        ArrayNode list = ids.putArray("ids");
        byId.keySet().forEach(list::add);
        StringBuilder bulk = new StringBuilder();
        for (JsonNode doc : client.post(passages + "/_mget", ids).path("docs")) {
            JsonNode source = doc.path("_source");
            PendingPassage pending = byId.get(doc.path("_id").asText());
            if (!doc.path("found").asBoolean() || source.has(Fields.VECTOR)
                    || !Embedder.textOf(OpenSearchDocuments.toPassage(source)).equals(pending.text())) {
                continue;
            }
            ObjectNode action = object();
            action.putObject("update").put("_index", passages).put("_id", pending.id())
                    .put("if_seq_no", doc.path("_seq_no").asLong()).put("if_primary_term", doc.path("_primary_term").asLong());
            ObjectNode change = object();
            change.putObject("doc").set(Fields.VECTOR, OpenSearchDocuments.vector(vectors.get(pending)));
            bulk.append(action).append('\n').append(change).append('\n');
        }
        int added = bulk.isEmpty() ? 0 : client.bulk(bulk.toString());
        client.post(passages + "/_refresh", null);
        return added;
    }

    @Override
    public void mergeSegments() throws IOException {
        if (servedGeneration() != null) {
            client.post(alias(PASSAGES) + "/_forcemerge?max_num_segments=1", null);
        }
    }

    @Override
    public Map<String, String> guideChecks() {
        Map<String, String> checks = new HashMap<>();
        unchecked(() -> {
            if (servedGeneration() != null) {
                client.scan(alias(GUIDES), object().set("exists", object().put("field", Fields.CHECKS)),
                        List.of(Fields.SOURCE, Fields.CHECKS),
                        source -> checks.put(source.path(Fields.SOURCE).asText(), source.path(Fields.CHECKS).asText()));
            }
            return null;
        });
        return checks;
    }

    @Override
    public Map<String, String> passagesFrom(Set<String> sources) {
        Map<String, String> passages = new HashMap<>();
        if (sources.isEmpty()) {
            return passages;
        }
        unchecked(() -> {
            if (servedGeneration() != null) {
                client.scan(alias(PASSAGES), bySource(sources), List.of(Fields.ID, Fields.TEXT),
                        source -> passages.put(source.path(Fields.ID).asText(), source.path(Fields.TEXT).asText()));
            }
            return null;
        });
        return passages;
    }

    @Override
    public int count(String type) {
        String kind = switch (type) {
            case Fields.TYPE_GUIDE -> GUIDES;
            case Fields.TYPE_PASSAGE -> PASSAGES;
            case Fields.TYPE_PROVIDER -> PROVIDERS;
            default -> throw new IllegalArgumentException("no documents of type " + type);
        };
        return unchecked(() -> servedGeneration() == null ? 0 : client.get(alias(kind) + "/_count").path("count").asInt());
    }

    private static Set<String> replacedSources(IndexUpdate update) {
        Set<String> replaced = new HashSet<>(update.deletedSources());
        update.guides().forEach(g -> replaced.add(g.source()));
        replaced.addAll(update.providers().keySet());
        return replaced;
    }

    private void deleteSources(String generation, Set<String> sources) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        StringBuilder bulk = new StringBuilder();
        for (String index : Generations.indexes(generation)) {
            client.scan(index, bySource(sources), List.of(Fields.ID),
                    source -> bulk.append(action("delete", index, source.path(Fields.ID).asText())).append('\n'));
        }
        if (!bulk.isEmpty()) {
            client.bulk(bulk.toString());
        }
    }

    private int write(String generation, IndexUpdate update) throws IOException {
        String passages = Generations.index(generation, PASSAGES);
        update.vectors().values().stream().findFirst().ifPresent(v -> unchecked(() -> {
            ensureVectorField(passages, v.length);
            return null;
        }));
        Bulk bulk = new Bulk();
        for (Guide guide : update.guides()) {
            bulk.index(Generations.index(generation, GUIDES), guide.slug(),
                    OpenSearchDocuments.guide(guide, update.guideChecks().get(guide.source())));
            for (Passage passage : guide.passages()) {
                bulk.index(passages, passage.id(),
                        OpenSearchDocuments.passage(passage, guide.source(), update.vectors().get(Embedder.textOf(passage))));
            }
        }
        for (Map.Entry<String, Provider> entry : update.providers().entrySet()) {
            bulk.index(Generations.index(generation, PROVIDERS), entry.getValue().id(),
                    OpenSearchDocuments.provider(entry.getValue(), entry.getKey()));
        }
        return bulk.flush();
    }

    /** Bulk requests of {@link #BULK_DOCUMENTS} documents each. */
    private final class Bulk {
        private final StringBuilder pending = new StringBuilder();
        private int documents;
        private int written;

        void index(String index, String id, ObjectNode doc) throws IOException {
            pending.append(action("index", index, id)).append('\n').append(doc).append('\n');
            if (++documents == BULK_DOCUMENTS) {
                flush();
            }
        }

        int flush() throws IOException {
            if (documents > 0) {
                written += client.bulk(pending.toString());
                pending.setLength(0);
                documents = 0;
            }
            return written;
        }
    }

    /** A bulk action line: {@code {"<verb>": {"_index": ..., "_id": ...}}}. */
    private static ObjectNode action(String verb, String index, String id) {
        ObjectNode action = object();
        action.putObject(verb).put("_index", index).put("_id", id);
        return action;
    }

    private void ensureVectorField(String passages, int dimension) throws IOException {
        JsonNode properties = client.get(passages + "/_mapping").elements().next().path("mappings").path("properties");
        if (!properties.has(Fields.VECTOR)) {
            client.put(passages + "/_mapping", OpenSearchSchema.vector(dimension));
        }
    }

    /**
     * Deletes every generation but the served one (replaced ones, and any an import killed midway left
     * behind) once the served one has been served for {@code retiredFor}; until then they stay for
     * the searches that may still run on them.
     */
    private void deleteRetiredGenerations(String served) throws IOException {
        if (served == null) {
            return;
        }
        Instant servedSince = commitRecord().committedAt();
        if (servedSince != null && servedSince.plus(retiredFor).isAfter(Instant.now())) {
            return;
        }
        generations.deleteAllBut(served);
    }

    /** Deletes every generation of {@code target}'s prefix, served or not, and with them the aliases: for an evaluation's own content. */
    public static void drop(OpenSearchTarget target) throws IOException {
        new Generations(target.client(), target.prefix()).deleteAllBut(null);
    }

    private static ObjectNode bySource(Collection<String> sources) {
        ObjectNode terms = object();
        ArrayNode values = terms.putObject("terms").putArray(Fields.SOURCE);
        sources.forEach(values::add);
        return terms;
    }

    private static ObjectNode withoutVector() {
        ObjectNode query = object();
        query.putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", Fields.VECTOR);
        return query;
    }

    @FunctionalInterface
    private interface Request<T> {
        T send() throws IOException;
    }

    /** Reads that the importer's interface declares without IOException: a failure is unchecked, and fails the import. */
    private static <T> T unchecked(Request<T> request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
