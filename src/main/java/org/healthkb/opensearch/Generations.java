package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * The generations of one prefix's content in the cluster: {@code <prefix>-<generation>-<kind>} for
 * each kind (guides, passages, providers), the served one behind the aliases {@code <prefix>-<kind>}.
 * Names and the requests that make, copy, serve and drop generations, for the store that writes them
 * and the engine that reads them.
 */
final class Generations {
    static final String GUIDES = "guides";
    static final String PASSAGES = "passages";
    static final String PROVIDERS = "providers";
    static final List<String> KINDS = List.of(GUIDES, PASSAGES, PROVIDERS);

    private final OpenSearchClient client;
    private final String prefix;

    Generations(OpenSearchClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    String alias(String kind) {
        return prefix + "-" + kind;
    }

    static String index(String generation, String kind) {
        return generation + "-" + kind;
    }

    static List<String> indexes(String generation) {
        return KINDS.stream().map(kind -> index(generation, kind)).toList();
    }

    /** The generation the aliases point at ({@code <prefix>-<generation>}), or null before the first import. */
    String served() throws IOException {
        if (!client.exists("_alias/" + alias(PASSAGES))) {
            return null;
        }
        String index = client.get("_alias/" + alias(PASSAGES)).fieldNames().next();
        return index.substring(0, index.length() - PASSAGES.length() - 1);
    }

    /** The generation's {@code _meta}: its commit record and the schema it was written with. */
    Map<String, String> meta(String generation) throws IOException {
        Map<String, String> data = new TreeMap<>();
        client.get(index(generation, PASSAGES) + "/_mapping").elements().next().path("mappings").path("_meta").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** A generation's number: milliseconds since the epoch when it was begun. */
    long number(String generation) {
        return Long.parseLong(generation.substring(prefix.length() + 1));
    }

    /** A name for a new generation, later than the served one's: names sort by age. */
    String next(String served) {
        long next = System.currentTimeMillis();
        if (served != null) {
            next = Math.max(next, number(served) + 1);
        }
        return prefix + "-" + next;
    }

    /** Creates the generation's indexes, each with its settings and mappings ({@link OpenSearchSchema}). */
    void create(String generation, ObjectNode settings) throws IOException {
        for (String kind : KINDS) {
            ObjectNode body = object();
            body.set("settings", settings);
            body.set("mappings", switch (kind) {
                case GUIDES -> OpenSearchSchema.guides();
                case PASSAGES -> OpenSearchSchema.passages();
                default -> OpenSearchSchema.providers();
            });
            client.put(index(generation, kind), body);
        }
    }

    /**
     * Clones {@code served} into {@code next} (hard links, no copying). OpenSearch clones only an
     * index that takes no writes, so the served one is read-only until {@link #allowWrites}; readers
     * are unaffected.
     */
    void copy(String served, String next) throws IOException {
        for (String kind : KINDS) {
            client.put(index(served, kind) + "/_settings", object().put("index.blocks.write", true));
            client.post(index(served, kind) + "/_clone/" + index(next, kind) + "?wait_for_active_shards=1", null);
            client.put(index(next, kind) + "/_settings", object().put("index.blocks.write", false));
        }
    }

    void allowWrites(String generation) {
        for (String kind : KINDS) {
            try {
                client.put(index(generation, kind) + "/_settings", object().putNull("index.blocks.write"));
            } catch (IOException gone) {
                // Deleted meanwhile: nothing left to allow.
            }
        }
    }

    /** One request: the three aliases leave {@code served} (if any) and point at {@code next}. */
    void serve(String served, String next) throws IOException {
        ObjectNode body = object();
        ArrayNode actions = body.putArray("actions");
        for (String kind : KINDS) {
            if (served != null) {
                actions.addObject().putObject("remove").put("index", index(served, kind)).put("alias", alias(kind));
            }
            actions.addObject().putObject("add").put("index", index(next, kind)).put("alias", alias(kind));
        }
        client.post("_aliases", body);
    }

    /** Deletes every generation but {@code kept} (none when it is null). */
    void deleteAllBut(String kept) throws IOException {
        delete(name -> kept == null || !name.startsWith(kept + "-"));
    }

    /** Deletes a generation no alias ever pointed at (a failed import's), adding a failure to {@code cause}. */
    void deleteQuietly(String generation, Exception cause) {
        try {
            client.delete(String.join(",", indexes(generation)) + "?ignore_unavailable=true");
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void delete(Predicate<String> which) throws IOException {
        List<String> doomed = new ArrayList<>();
        client.get(prefix + "-*/_settings").fieldNames().forEachRemaining(name -> {
            if (isGeneration(name) && which.test(name)) {
                doomed.add(name);
            }
        });
        if (!doomed.isEmpty()) {
            client.delete(String.join(",", doomed));
        }
    }

    /** True for {@code <prefix>-<digits>-<kind>}, and so never for another prefix that starts with ours. */
    private boolean isGeneration(String index) {
        return KINDS.stream().anyMatch(kind -> index.matches(Pattern.quote(prefix) + "-\\d+-" + kind));
    }
}
