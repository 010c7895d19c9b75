package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * JSON over HTTP to an OpenSearch cluster: the JDK's client (TLS through the JVM's trust store,
 * optional basic auth) and Jackson, which we already have. Our requests are a handful of documented
 * endpoints (index admin, aliases, bulk, search); a client library would add a transport and a
 * generated model of the whole API for them. Thread-safe.
 */
public final class OpenSearchClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SCAN_PAGE = 1_000;

    private final List<URI> nodes;
    /** The node requests go to, until it stops answering. */
    private final AtomicInteger current = new AtomicInteger();
    private final String authorization;
    private final HttpClient http;

    /**
     * @param urls     nodes of the cluster, e.g. {@code http://127.0.0.1:9200}
     * @param user     basic-auth user, or null for none
     * @param password basic-auth password (with {@code user})
     */
    OpenSearchClient(List<URI> urls, String user, String password) {
        this.nodes = urls.stream().map(url -> URI.create(url.toString().replaceAll("/+$", "") + "/")).toList();
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The node requests go to now. */
    public URI url() {
        return nodes.get(current.get());
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public JsonNode get(String path) throws IOException {
        return send("GET", path, null, "application/json");
    }

    public JsonNode put(String path, JsonNode body) throws IOException {
        return send("PUT", path, body.toString(), "application/json");
    }

    public JsonNode post(String path, JsonNode body) throws IOException {
        return send("POST", path, body == null ? null : body.toString(), "application/json");
    }

    public JsonNode delete(String path) throws IOException {
        return send("DELETE", path, null, "application/json");
    }

    /** True when {@code path} answers 200, false on 404. */
    public boolean exists(String path) throws IOException {
        HttpResponse<String> response = exchange("HEAD", path, null, "application/json");
        if (response.statusCode() == 404) {
            return false;
        }
        check(response, "HEAD", path);
        return true;
    }

    /**
     * Sends newline-delimited bulk actions and returns how many succeeded. A bulk request answers 200
     * even when some items fail: this fails naming the first refused item, except for version
     * conflicts, which only a write conditional on a version ({@code if_seq_no}) meets on purpose.
     */
    public int bulk(String ndjson) throws IOException {
        JsonNode answer = send("POST", "_bulk", ndjson, "application/x-ndjson");
        int done = 0;
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().next();
            if (!result.has("error")) {
                done++;
            } else if (result.path("status").asInt() != 409) {
                throw new OpenSearchException("OpenSearch refused " + result.path("_id").asText() + " in "
                        + result.path("_index").asText() + ": " + reason(result.path("error")));
            }
        }
        return done;
    }

    /**
     * Every document of {@code index} matching {@code query}, a page of a thousand at a time in id
     * order (search_after), each as its source: only {@code fields} of it, or all of it when none are named.
     */
    public void scan(String index, ObjectNode query, List<String> fields, Consumer<JsonNode> each) throws IOException {
        JsonNode after = null;
        while (true) {
            ObjectNode search = object().put("size", SCAN_PAGE);
            search.set("query", query);
            if (!fields.isEmpty()) {
                fields.forEach(search.putArray("_source")::add);
            }
            search.putArray("sort").add(Fields.ID);
            if (after != null) {
                search.set("search_after", after);
            }
            JsonNode hits = post(index + "/_search", search).path("hits").path("hits");
            hits.forEach(hit -> each.accept(hit.path("_source")));
            if (hits.size() < SCAN_PAGE) {
                return;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    private JsonNode send(String method, String path, String body, String contentType) throws IOException {
        HttpResponse<String> response = exchange(method, path, body, contentType);
        check(response, method, path);
        JsonNode answer = response.body().isEmpty() ? object() : JSON.readTree(response.body());
        // A search some shards could not answer (no copy of them left) answers 200 with what the others
        // found: a silently partial answer, refused here as the error it is.
        if (answer.path("_shards").path("failed").asInt() > 0 && (path.contains("_search") || path.contains("_count"))) {
            throw new OpenSearchException("OpenSearch answered " + method + " " + path + " from "
                    + answer.path("_shards").path("successful").asInt() + " of " + answer.path("_shards").path("total").asInt()
                    + " shards: " + reason(answer.path("_shards").path("failures").path(0).path("reason")));
        }
        return answer;
    }

    /**
     * Sends to the node in use, and on to the next when the exchange fails below HTTP (a node stopped
     * or lost, even midway): once round the nodes named, so a cluster that lost a node keeps answering.
     * Every request we send may be sent twice: reads, bulk writes of documents by id, alias moves; a
     * clone sent twice fails as a whole (its index exists), and so does that import, cleanly.
     */
    private HttpResponse<String> exchange(String method, String path, String body, String contentType) throws IOException {
        IOException unreachable = null;
        for (int tried = 0; tried < nodes.size(); tried++) {
            int node = current.get();
            try {
                return exchange(nodes.get(node), method, path, body, contentType);
            } catch (IOException e) {
                unreachable = new IOException("OpenSearch at " + nodes.get(node) + " did not answer " + method + " " + path
                        + ": " + e, e);
                current.compareAndSet(node, (node + 1) % nodes.size());
            }
        }
        throw unreachable;
    }

    private HttpResponse<String> exchange(URI node, String method, String path, String body, String contentType)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for OpenSearch at " + node, e);
        }
    }

    private static void check(HttpResponse<String> response, String method, String path) throws IOException {
        if (response.statusCode() / 100 == 2) {
            return;
        }
        String reason = response.body();
        try {
            reason = reason(JSON.readTree(response.body()).path("error"));
        } catch (IOException | RuntimeException notJson) {
            // the body as it came
        }
        throw new OpenSearchException("OpenSearch answered " + response.statusCode() + " to " + method + " " + path
                + ": " + reason);
    }

    /** The error's type and reason, with what caused it: its cause, or the first shard's failure. */
    private static String reason(JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        String reason = error.path("type").asText() + ": " + error.path("reason").asText();
        JsonNode cause = error.has("caused_by") ? error.path("caused_by") : error.path("root_cause").path(0);
        return cause.isMissingNode() || cause.equals(error) ? reason : reason + " (" + reason(cause) + ")";
    }
}
