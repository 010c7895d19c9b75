package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.healthkb.index.Analyzers;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.index.Fields;
import org.healthkb.search.SearchEngine;
import org.healthkb.search.Suggestions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * Searches read the content in an OpenSearch cluster: each request works on one generation (the
 * one the aliases pointed at when it began), so it never mixes two imports, as a request on the
 * embedded index works on one commit. What a generation's requests share (its commit record, the
 * question analyzers with its synonyms, its counts, its providers' names) is read once, when the
 * aliases are first seen pointing at it, as {@code IndexSnapshot} does for a commit.
 */
public final class OpenSearchEngine implements SearchEngine {
    /** How long a request may use the generation an earlier request found, before asking the aliases again. */
    private static final Duration LOOK_AGAIN_AFTER = Duration.ofSeconds(1);

    private final OpenSearchClient client;
    private final Generations generations;
    private final String embeddingModel;
    private volatile Generation current;
    private volatile long checkedAt;

    /** What is read once per generation. */
    record Generation(String name, long number, CommitRecord commit, Analyzer questions, Analyzer keywords,
                      IndexSnapshot.Contents contents, List<String> providerNames) {
        String index(String kind) {
            return Generations.index(name, kind);
        }
    }

    public OpenSearchEngine(OpenSearchTarget target, String embeddingModel) {
        this.client = target.client();
        this.generations = new Generations(client, target.prefix());
        this.embeddingModel = embeddingModel;
    }

    @Override
    public <T> T read(Work<T> work) {
        try {
            return work.on(new OpenSearchView(client, generation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String embeddingModel() {
        return embeddingModel;
    }

    /** The served generation, by name (null before the first import). */
    @Override
    public Object latest() {
        try {
            return generation().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds the served generation's guide titles, provider names and passages to {@code texts}; returns its name. */
    @Override
    public Object collect(Suggestions.Texts texts) throws IOException {
        Generation generation = generation();
        if (generation.name() == null) {
            return null;
        }
        ObjectNode all = (ObjectNode) object().set("match_all", object());
        client.scan(generation.index(Generations.GUIDES), all, List.of(Fields.GUIDE_TITLE),
                source -> texts.guideTitle(source.path(Fields.GUIDE_TITLE).asText()));
        generation.providerNames().forEach(texts::providerName);
        client.scan(generation.index(Generations.PASSAGES), all, List.of(Fields.HEADING_PATH, Fields.TEXT), source -> {
            List<String> path = new ArrayList<>();
            source.path(Fields.HEADING_PATH).forEach(h -> path.add(h.asText()));
            texts.passage(path, source.path(Fields.TEXT).asText());
        });
        return generation.name();
    }

    OpenSearchClient client() {
        return client;
    }

    /** The generation requests work on now. */
    Generation generation() throws IOException {
        Generation known = current;
        if (known != null && System.nanoTime() - checkedAt < LOOK_AGAIN_AFTER.toNanos()) {
            return known;
        }
        String name = generations.served();
        if (known == null || !known.name().equals(name)) {
            known = name == null ? empty() : read(name);
            current = known;
        }
        checkedAt = System.nanoTime();
        return known;
    }


    /** Before the first import: nothing to search, and every request says so by finding nothing. */
    private static Generation empty() {
        return new Generation(null, 0, CommitRecord.EMPTY, Analyzers.query(null, true), Analyzers.query(null, false),
                new IndexSnapshot.Contents(0, 0, 0), List.of());
    }

    private Generation read(String name) throws IOException {
        CommitRecord commit = CommitRecord.fromUserData(generations.meta(name));
        SynonymMap synonyms = Analyzers.synonyms(commit.synonyms());
        IndexSnapshot.Contents contents = new IndexSnapshot.Contents(count(Generations.index(name, Generations.GUIDES)),
                count(Generations.index(name, Generations.PASSAGES)), count(Generations.index(name, Generations.PROVIDERS)));
        List<String> names = new ArrayList<>();
        ObjectNode search = object().put("size", 10_000);
        search.putArray("_source").add(OpenSearchDocuments.RECORD + ".name");
        String providers = Generations.index(name, Generations.PROVIDERS);
        for (JsonNode hit : client.post(providers + "/_search", search).path("hits").path("hits")) {
            names.add(hit.path("_source").path(OpenSearchDocuments.RECORD).path("name").asText());
        }
        long number = generations.number(name);
        return new Generation(name, number, commit, Analyzers.query(synonyms, true), Analyzers.query(synonyms, false),
                contents, names);
    }

    private int count(String index) throws IOException {
        return client.get(index + "/_count").path("count").asInt();
    }
}
