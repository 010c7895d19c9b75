package org.healthkb.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Visits chosen documents of a searcher in doc order, leaf by leaf, positioning a per-leaf iterator
 * on each: the way vector values and query matches can be read for a handful of documents.
 */
public final class LeafWalk {
    private LeafWalk() {
    }

    /** A leaf's iterator over the documents it has something for, or null when it has none. */
    @FunctionalInterface
    public interface Opener<I extends DocIdSetIterator> {
        I open(LeafReaderContext leaf) throws IOException;
    }

    /** Called for each chosen document the iterator has, with the iterator positioned on it. */
    @FunctionalInterface
    public interface Visitor<I extends DocIdSetIterator> {
        void found(int doc, I iterator) throws IOException;
    }

    /** Visits each of {@code docs} (top-level doc ids) that its leaf's iterator has. */
    public static <I extends DocIdSetIterator> void found(IndexSearcher searcher, Collection<Integer> docs, Opener<I> opener,
                                                           Visitor<I> visitor) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        I iterator = null;
        for (int doc : docs.stream().sorted().distinct().toList()) {
            LeafReaderContext current = leaves.get(ReaderUtil.subIndex(doc, leaves));
            if (current != leaf) {
                leaf = current;
                iterator = opener.open(leaf);
            }
            int local = doc - leaf.docBase;
            if (iterator != null && (iterator.docID() < local ? iterator.advance(local) : iterator.docID()) == local) {
                visitor.found(doc, iterator);
            }
        }
    }
}
