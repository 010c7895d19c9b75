package org.healthkb.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one sorted doc-values field of chosen documents of a snapshot: hits' ids or sections. */
public final class DocValueKeys {
    private final List<LeafReaderContext> leaves;
    private final String field;

    /** Reads {@code field} document by document, for callers that need only a few values and not all up front. */
    public DocValueKeys(IndexSearcher searcher, String field) {
        this.leaves = searcher.getIndexReader().leaves();
        this.field = field;
    }

    /** The value of {@code doc}, or its doc number when it has none (so it still sorts and groups alone). */
    public String of(int doc) {
        try {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            SortedDocValues values = leaf.reader().getSortedDocValues(field);
            return values != null && values.advanceExact(doc - leaf.docBase)
                    ? values.lookupOrd(values.ordValue()).utf8ToString() : Integer.toString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The values of {@code docs}, read in doc order with one doc-values iterator per segment (reading
     * many one by one opens an iterator for each); a document without a value gets its doc number.
     */
    public static Map<Integer, String> ofAll(IndexSearcher searcher, String field, Collection<Integer> docs) throws IOException {
        Map<Integer, String> keys = new HashMap<>();
        LeafWalk.found(searcher, docs, leaf -> leaf.reader().getSortedDocValues(field),
                (doc, values) -> keys.put(doc, values.lookupOrd(values.ordValue()).utf8ToString()));
        docs.forEach(doc -> keys.putIfAbsent(doc, Integer.toString(doc)));
        return keys;
    }

    /**
     * Sorts best score first, equal scores by this field's value: so equal scores always come back in
     * the same order, whatever the documents' order in the index. Values are read only for the scores
     * that tie, all at once.
     */
    public static void sortByScoreThenValue(IndexSearcher searcher, String field, List<ScoreDoc> docs) throws IOException {
        Comparator<ScoreDoc> byScore = Comparator.comparingDouble(d -> -d.score);
        docs.sort(byScore);
        Set<Integer> tied = new HashSet<>();
        for (int i = 1; i < docs.size(); i++) {
            if (docs.get(i).score == docs.get(i - 1).score) {
                tied.add(docs.get(i).doc);
                tied.add(docs.get(i - 1).doc);
            }
        }
        if (!tied.isEmpty()) {
            Map<Integer, String> values = ofAll(searcher, field, tied);
            docs.sort(byScore.thenComparing(d -> values.get(d.doc)));
        }
    }
}
