package org.healthkb.search;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.healthkb.index.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Collecting by score and ordering ties by id gives exactly what a sort on (score, id) gives, also
 * where equal scores run across the cut. Synthetic documents: many identical ones (equal scores),
 * with ids in an order unrelated to where they sit in the index.
 */
class TopByScoreTest {
    private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID, SortField.Type.STRING));
    private static Directory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        Random random = new Random(18);
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 400; i++) {
                // 40 copies of "dose", 4 of "dose cap", the rest with dose repeated a varying number of times
                String text = i < 40 ? "dose" : i < 44 ? "dose cap" : ("dose ".repeat(1 + random.nextInt(6)) + "word" + random.nextInt(50));
                Document doc = new Document();
                String id = String.format("synthetic-%03d", random.nextInt(1000)) + "-" + i;
                doc.add(new StringField(Fields.ID, id, Field.Store.YES));
                doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
                doc.add(new TextField(Fields.ALL, text, Field.Store.NO));
                writer.addDocument(doc);
                if (i % 97 == 0) {
                    writer.commit(); // several segments, as a real index has
                }
            }
        }
        reader = DirectoryReader.open(directory);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @ParameterizedTest(name = "{0} top {1}")
    @CsvSource({"dose, 5", "dose, 39", "dose, 40", "dose, 41", "dose, 100", "cap, 2", "cap, 10", "word7, 3", "dose, 400"})
    void givesTheOrderOfASortOnScoreThenId(String word, int n) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query query = new TermQuery(new Term(Fields.ALL, word));
        TopDocs sorted = searcher.search(query, new TopFieldCollectorManager(BY_SCORE_THEN_ID, n, null, Integer.MAX_VALUE));
        TopDocs ours = TopByScore.search(searcher, query, n, Integer.MAX_VALUE);
        assertEquals(ids(searcher, sorted.scoreDocs), ids(searcher, ours.scoreDocs));
        for (int i = 0; i < ours.scoreDocs.length; i++) {
            assertEquals((Float) ((FieldDoc) sorted.scoreDocs[i]).fields[0], ours.scoreDocs[i].score, "scores are kept");
        }
        assertEquals(sorted.totalHits.value(), ours.totalHits.value());
    }

    private static List<String> ids(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
        var stored = searcher.getIndexReader().storedFields();
        return Arrays.stream(docs).map(d -> {
            try {
                return stored.document(d.doc).get(Fields.ID);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
