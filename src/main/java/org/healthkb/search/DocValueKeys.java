package org.healthkb.search;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads one sorted doc-values field of any document of a snapshot, leaf by leaf: a hit's id or section. */
final class DocValueKeys {
    private final List<LeafReaderContext> leaves;
    private final String field;

    DocValueKeys(IndexSearcher searcher, String field) {
        this.leaves = searcher.getIndexReader().leaves();
        this.field = field;
    }

    /** The value of {@code doc}, or its doc number when it has none (so it still sorts and groups alone). */
    String of(int doc) {
        try {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            SortedDocValues values = leaf.reader().getSortedDocValues(field);
            int local = doc - leaf.docBase;
            return values != null && values.advanceExact(local) ? values.lookupOrd(values.ordValue()).utf8ToString()
                    : Integer.toString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
