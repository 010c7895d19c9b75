package org.healthkb.search;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.healthkb.index.DocValueKeys;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query's best hits by score, equal scores in id order, so results never depend on where a
 * passage sits in the index. A sort on (score, id) gives that order but makes Lucene read every
 * match's id and score every match; collecting by score alone lets it skip the passages that cannot
 * reach the top, and ids are then read only to order ties. The few extra hits collected show
 * whether a run of equal scores reaches past the cut; when it may (identical passages), the sort on
 * (score, id) decides, as before.
 */
final class TopByScore {
    /** Hits collected beyond those asked for, to see a run of equal scores at the cut whole. */
    private static final int TIE_MARGIN = 16;
    private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID, SortField.Type.STRING));

    private TopByScore() {
    }

    /**
     * @param exactTotalUpTo how many matches to count exactly; beyond it the total is a lower bound
     */
    static TopDocs search(IndexSearcher searcher, Query query, int n, int exactTotalUpTo) throws IOException {
        TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(n + TIE_MARGIN, null, exactTotalUpTo));
        ScoreDoc[] docs = top.scoreDocs;
        boolean tiesMayGoOn = docs.length == n + TIE_MARGIN && docs[n - 1].score == docs[docs.length - 1].score;
        if (tiesMayGoOn) {
            TopDocs sorted = searcher.search(query, new TopFieldCollectorManager(BY_SCORE_THEN_ID, n, null, exactTotalUpTo));
            // Sorting by score keeps it in the sort values.
            return new TopDocs(sorted.totalHits, Arrays.stream(sorted.scoreDocs)
                    .map(d -> new ScoreDoc(d.doc, (Float) ((FieldDoc) d).fields[0])).toArray(ScoreDoc[]::new));
        }
        List<ScoreDoc> ordered = new ArrayList<>(Arrays.asList(docs));
        DocValueKeys.sortByScoreThenValue(searcher, Fields.ID, ordered);
        return new TopDocs(top.totalHits, ordered.subList(0, Math.min(n, ordered.size())).toArray(ScoreDoc[]::new));
    }
}
