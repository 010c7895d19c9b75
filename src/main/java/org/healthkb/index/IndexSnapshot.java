package org.healthkb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.similarities.Similarity;

import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A searcher over one commit together with what is derived from that commit once rather than per
 * query: the commit record, the query analyzer with the synonyms of that commit, and the facet
 * reader state. Built by {@link #factory} when the {@code SearcherManager} refreshes, so queries never
 * pay for it and never see synonyms from a different commit than the passages.
 */
public final class IndexSnapshot extends IndexSearcher {
    private final CommitRecord commit;
    private final SynonymMap synonyms;
    private final Analyzer questionAnalyzer;
    private final Analyzer keywordAnalyzer;
    private final SortedSetDocValuesReaderState facetState;
    private final Contents contents;

    /** How many documents of each kind the commit holds: counted once, so a health probe costs microseconds. */
    public record Contents(int guides, int passages, int providers) {
    }

    private IndexSnapshot(IndexReader reader, Similarity similarity, FacetsConfig facetsConfig) throws IOException {
        super(reader);
        setSimilarity(similarity);
        this.commit = KnowledgeIndex.commitRecord(this);
        this.synonyms = Analyzers.synonyms(commit.synonyms());
        this.questionAnalyzer = Analyzers.query(synonyms, true);
        this.keywordAnalyzer = Analyzers.query(synonyms, false);
        this.facetState = hasFacets(reader)
                ? new DefaultSortedSetDocValuesReaderState(reader, facetsConfig)
                : null;
        this.contents = new Contents(count(typed(Fields.TYPE_GUIDE)), count(typed(Fields.TYPE_PASSAGE)),
                count(typed(Fields.TYPE_PROVIDER)));
    }

    private static Query typed(String type) {
        return new TermQuery(new Term(Fields.TYPE, type));
    }

    /**
     * Builds snapshots that score with {@code similarity}, after verifying the checksum of every file
     * of each segment the previous snapshot did not read: a damaged or truncated file is found before
     * any reader is answered from it, and the refresh fails, so readers keep the last good commit (or,
     * at start, the server refuses to serve, naming the file).
     */
    public static SearcherFactory factory(Supplier<Similarity> similarity, FacetsConfig facetsConfig) {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
                verifyNewSegments(reader, previousReader);
                return new IndexSnapshot(reader, similarity.get(), facetsConfig);
            }
        };
    }

    /** Checks the files of the segments {@code reader} has and {@code previous} had not (a segment never changes once written). */
    static void verifyNewSegments(IndexReader reader, IndexReader previous) throws IOException {
        Set<IndexReader.CacheKey> verified = previous == null ? Set.of() : previous.leaves().stream()
                .map(leaf -> leaf.reader().getCoreCacheHelper().getKey()).collect(Collectors.toSet());
        for (LeafReaderContext leaf : reader.leaves()) {
            if (!verified.contains(leaf.reader().getCoreCacheHelper().getKey())) {
                leaf.reader().checkIntegrity();
            }
        }
    }

    public CommitRecord commit() {
        return commit;
    }

    public Contents contents() {
        return contents;
    }

    /** The version of the commit this snapshot reads; a later commit has a greater one. */
    public long version() {
        return ((DirectoryReader) getIndexReader()).getVersion();
    }

    public SynonymMap synonyms() {
        return synonyms;
    }

    /**
     * Query analysis with this commit's synonyms, dropping question words ("how", "can", "does") or
     * keeping them. Shared: analyzers are thread-safe.
     */
    public Analyzer queryAnalyzer(boolean dropQuestionWords) {
        return dropQuestionWords ? questionAnalyzer : keywordAnalyzer;
    }

    /** Facet ordinals for provider dimensions, or null when the index holds no provider. */
    public SortedSetDocValuesReaderState facetState() {
        return facetState;
    }

    private static boolean hasFacets(IndexReader reader) {
        FieldInfo info = FieldInfos.getMergedFieldInfos(reader).fieldInfo(org.apache.lucene.facet.FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
        return info != null;
    }
}
