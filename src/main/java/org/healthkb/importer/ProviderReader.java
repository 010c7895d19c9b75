package org.healthkb.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Plan;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one provider record and checks it field by field, so an editor learns exactly which field
 * of which file is wrong. Unknown fields are refused rather than ignored: a misspelt
 * {@code "montlyPriceUsd"} would otherwise silently drop a price. Thread-safe.
 */
public final class ProviderReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Set<String> FIELDS = Set.of("id", "name", "doseFlexibility", "trdSuitability", "notes",
            "monthlyPriceUsd", "consultationFeeUsd", "doseCap", "ongoingTreatment", "plans");
    private static final Set<String> PLAN_FIELDS = Set.of("name", "priceUsd", "billingPeriodMonths");

    private final ObjectMapper json = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Provider read(String source, String content) throws CorpusException {
        JsonNode root = parse(source, content);
        Fields f = new Fields(source, root);
        f.rejectUnknown(FIELDS, "");
        String id = f.requiredText("id");
        if (!ID.matcher(id).matches()) {
            throw f.problem("id", "'" + id + "' is not a valid id; use lower-case letters, digits and single hyphens");
        }
        String doseLabel = f.requiredText("doseFlexibility");
        DoseFlexibility dose = DoseFlexibility.fromLabel(doseLabel).orElseThrow(() -> f.problem("doseFlexibility",
                "unknown value '" + doseLabel + "'; expected one of " + DoseFlexibility.labels()));
        String trdLabel = f.requiredText("trdSuitability");
        TrdSuitability trd = TrdSuitability.fromLabel(trdLabel).orElseThrow(() -> f.problem("trdSuitability",
                "unknown value '" + trdLabel + "'; expected one of " + TrdSuitability.labels()));
        return new Provider(id, f.requiredText("name"), dose, trd, f.optionalText("notes"),
                f.optionalAmount("monthlyPriceUsd"), f.optionalAmount("consultationFeeUsd"),
                f.optionalBoolean("doseCap"), f.optionalBoolean("ongoingTreatment"), plans(f));
    }

    private JsonNode parse(String source, String content) throws CorpusException {
        try {
            JsonNode root = json.readTree(content);
            if (root == null || !root.isObject()) {
                throw new CorpusException(new Problem(source, "", "a provider record must be one JSON object"));
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CorpusException(Problem.atLine(source, line, "invalid JSON: " + e.getOriginalMessage()));
        }
    }

    private static List<Plan> plans(Fields f) throws CorpusException {
        JsonNode plans = f.root.get("plans");
        if (plans == null || plans.isNull()) {
            return List.of();
        }
        if (!plans.isArray()) {
            throw f.problem("plans", "must be a list of plans");
        }
        List<Plan> result = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Fields plan = new Fields(f.source, plans.get(i), "plans[" + i + "].");
            if (!plans.get(i).isObject()) {
                throw f.problem("plans[" + i + "]", "must be an object with name, priceUsd and billingPeriodMonths");
            }
            plan.rejectUnknown(PLAN_FIELDS, "plans[" + i + "].");
            Double price = plan.optionalAmount("priceUsd");
            if (price == null) {
                throw plan.problem("priceUsd", "is required");
            }
            result.add(new Plan(plan.requiredText("name"), price, plan.requiredPositiveInt("billingPeriodMonths")));
        }
        return result;
    }

    /** Typed access to one JSON object's fields, each failure naming the file and the field. */
    private static final class Fields {
        final String source;
        final JsonNode root;
        final String prefix;

        Fields(String source, JsonNode root) {
            this(source, root, "");
        }

        Fields(String source, JsonNode root, String prefix) {
            this.source = source;
            this.root = root;
            this.prefix = prefix;
        }

        CorpusException problem(String field, String message) {
            return new CorpusException(Problem.atField(source, prefix + field, message));
        }

        void rejectUnknown(Set<String> known, String prefix) throws CorpusException {
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new CorpusException(Problem.atField(source, prefix + name,
                            "unknown field; known fields are " + known.stream().sorted().toList()));
                }
            }
        }

        String requiredText(String field) throws CorpusException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw problem(field, "is required");
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw problem(field, "must be a non-empty string");
            }
            return node.asText().strip();
        }

        String optionalText(String field) throws CorpusException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw problem(field, "must be a string or null");
            }
            return node.asText().strip();
        }

        Double optionalAmount(String field) throws CorpusException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber() || node.asDouble() < 0 || !Double.isFinite(node.asDouble())) {
                throw problem(field, "must be a non-negative number of US dollars or null");
            }
            return node.asDouble();
        }

        Boolean optionalBoolean(String field) throws CorpusException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                throw problem(field, "must be true, false or null");
            }
            return node.asBoolean();
        }

        int requiredPositiveInt(String field) throws CorpusException {
            JsonNode node = root.get(field);
            if (node == null || !node.isInt() || node.asInt() < 1) {
                throw problem(field, "must be a whole number of months, at least 1");
            }
            return node.asInt();
        }
    }
}
