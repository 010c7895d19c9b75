package org.healthkb.index;

import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the passage vectors of chosen documents, leaf by leaf in doc order, as vector values must be read. */
public final class StoredVectors {
    private StoredVectors() {
    }

    /** The vector of each of {@code docs} (top-level doc ids) that has one; the others are left out. */
    public static Map<Integer, float[]> of(IndexSearcher searcher, Collection<Integer> docs) throws IOException {
        Map<Integer, float[]> vectors = new HashMap<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        FloatVectorValues values = null;
        KnnVectorValues.DocIndexIterator iterator = null;
        for (int doc : docs.stream().sorted().distinct().toList()) {
            LeafReaderContext current = leaves.get(ReaderUtil.subIndex(doc, leaves));
            if (current != leaf) {
                leaf = current;
                values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
                iterator = values == null ? null : values.iterator();
            }
            int local = doc - leaf.docBase;
            int at = iterator == null ? DocIdSetIterator.NO_MORE_DOCS
                    : iterator.docID() < local ? iterator.advance(local) : iterator.docID();
            if (at == local) {
                // Off-heap values reuse one array for every read.
                vectors.put(doc, values.vectorValue(iterator.index()).clone());
            }
        }
        return vectors;
    }
}
