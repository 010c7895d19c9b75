package org.healthkb.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A BEIR-format test collection: {@code corpus.jsonl}, {@code queries.jsonl} and
 * {@code qrels/<split>.tsv}. Each document becomes one passage whose heading is the document title,
 * in a guide named after the collection, so it is indexed and ranked exactly like a guide passage.
 *
 * @param name     the folder name
 * @param guide    every document, as passages of one synthetic guide record
 * @param queries  query text by id, only for queries judged in the split
 * @param qrels    grades by query id, then document id
 */
public record BeirCollection(String name, Guide guide, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static BeirCollection load(Path dir, String split) throws IOException {
        Map<String, Map<String, Integer>> qrels = qrels(dir.resolve("qrels").resolve(split + ".tsv"));
        Map<String, String> queries = new TreeMap<>();
        forEachLine(dir.resolve("queries.jsonl"), node -> {
            if (qrels.containsKey(node.get("_id").asText())) {
                queries.put(node.get("_id").asText(), node.get("text").asText());
            }
        });
        List<Passage> passages = new ArrayList<>();
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        forEachLine(dir.resolve("corpus.jsonl"), node -> {
            String id = node.get("_id").asText();
            String title = node.path("title").asText("");
            passages.add(new Passage(id, "beir", name, List.of(name, title), id, id, node.path("text").asText("")));
        });
        Guide guide = new Guide("beir-" + name, "beir/" + name, name, "", "", passages, List.of());
        return new BeirCollection(name, guide, queries, qrels);
    }

    private interface LineHandler {
        void handle(JsonNode node) throws IOException;
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    handler.handle(JSON.readTree(line));
                }
            }
        }
    }

    private static Map<String, Map<String, Integer>> qrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (cols.length == 3) {
                qrels.computeIfAbsent(cols[0], q -> new HashMap<>()).put(cols[1], Integer.parseInt(cols[2].trim()));
            }
        }
        return qrels;
    }
}
