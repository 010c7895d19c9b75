package org.healthkb.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reader questions with the passages that answer them, from {@code corpus/eval/questions.json}.
 * Grade 2: the passage answers the question; grade 1: it helps but does not answer. A third of the
 * questions are held out: ranking is never tuned on them.
 */
public final class JudgedQuestions {
    /** One question, its judged passages by anchor or id, and whether it is held out. */
    public record Question(String id, String text, boolean heldOut, Map<String, Integer> grades) {
    }

    private JudgedQuestions() {
    }

    public static List<Question> load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode node : root.path("questions")) {
            String id = required(node, "id", file);
            if (!ids.add(id)) {
                throw new IOException(file + ": duplicate question id '" + id + "'");
            }
            Map<String, Integer> grades = new LinkedHashMap<>();
            node.path("answers").fields().forEachRemaining(e -> grades.put(e.getKey(), e.getValue().asInt()));
            if (grades.values().stream().noneMatch(g -> g == 2)) {
                throw new IOException(file + ": question '" + id + "' has no passage of grade 2");
            }
            questions.add(new Question(id, required(node, "question", file), node.path("heldOut").asBoolean(false), grades));
        }
        return questions;
    }

    private static String required(JsonNode node, String field, Path file) throws IOException {
        if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
            throw new IOException(file + ": a question lacks field '" + field + "'");
        }
        return node.get(field).asText();
    }
}
