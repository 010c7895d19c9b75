package org.healthkb.index;

import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Reads the passage vectors of chosen documents. */
public final class StoredVectors {
    private StoredVectors() {
    }

    /** The vector of each of {@code docs} (top-level doc ids) that has one; the others are left out. */
    public static Map<Integer, float[]> of(IndexSearcher searcher, Collection<Integer> docs) throws IOException {
        Map<Integer, float[]> vectors = new HashMap<>();
        FloatVectorValues[] leafValues = new FloatVectorValues[1];
        LeafWalk.found(searcher, docs, leaf -> {
            leafValues[0] = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            return leafValues[0] == null ? null : leafValues[0].iterator();
        }, (doc, iterator) -> {
            // Off-heap values reuse one array for every read.
            vectors.put(doc, leafValues[0].vectorValue(iterator.index()).clone());
        });
        return vectors;
    }
}
