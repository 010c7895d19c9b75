package org.healthkb.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps one section from filling the top of the results: within the first {@code window} places,
 * a hit whose section already has {@code maxPerSection} hits there waits until the window is full
 * or nothing else is left. Order is otherwise kept, and the same input always gives the same output,
 * so pages are consistent.
 */
final class Diversity {
    /** How many top candidates diversity reorders; a fixed pool keeps every page consistent with every other. */
    static final int POOL = 100;

    private Diversity() {
    }

    static <T> List<T> reorder(List<T> ranked, Function<T, String> section, int maxPerSection, int window) {
        if (window <= 0) {
            return ranked;
        }
        List<T> result = new ArrayList<>(ranked.size());
        Deque<T> deferred = new ArrayDeque<>();
        Map<String, Integer> perSection = new HashMap<>();
        for (T hit : ranked) {
            if (result.size() >= window) {
                result.addAll(deferred);
                deferred.clear();
                result.add(hit);
                continue;
            }
            String key = section.apply(hit);
            int seen = perSection.getOrDefault(key, 0);
            if (seen >= maxPerSection) {
                deferred.add(hit);
            } else {
                perSection.put(key, seen + 1);
                result.add(hit);
            }
        }
        result.addAll(deferred);
        return result;
    }
}
