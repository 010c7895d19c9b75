package org.healthkb.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.SleepingLockWrapper;
import org.apache.lucene.util.BytesRef;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.content.Provider;
import org.healthkb.semantic.Embedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the index: its directory, the one {@link IndexWriter} (opened for the length of one update,
 * so another process such as {@code ./kb index} can take its turn) and the {@link SearcherManager}
 * every read goes through. Each {@link #apply update} is one commit: a crash at any moment leaves
 * the previous commit intact, and searchers move to the new one only after it is durable.
 * Thread-safe; updates from several threads are serialised.
 */
public final class KnowledgeIndex implements ContentStore, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeIndex.class);

    private final Path path;
    private final Directory directory;
    private final SearcherManager searchers;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** The facet dimensions of this index's schema: the one configuration its documents are written and counted with. */
    private final FacetsConfig facetsConfig = schemaFacets();
    private final Documents documents = new Documents(facetsConfig);
    /** The model the index's vectors must come from: a commit by another model is rebuilt, not mixed. */
    private final String embeddingModel;
    private final Duration writeLockWait;
    private ScheduledExecutorService refresher;
    /** The last refresh failure logged, so a damaged commit is reported once rather than every second. */
    private volatile String lastRefreshProblem;

    private KnowledgeIndex(Path path, Directory directory, Similarity similarity, String embeddingModel, Duration writeLockWait)
            throws IOException {
        this.path = path;
        this.directory = directory;
        this.embeddingModel = embeddingModel;
        this.writeLockWait = writeLockWait;
        this.searchers = new SearcherManager(directory, IndexSnapshot.factory(() -> similarity, facetsConfig));
    }

    /**
     * Opens the index at {@code path}, creating an empty one when there is none; searches score with
     * {@code similarity}, and passage vectors come from the model {@code embeddingModel} ({@code Embedder#model()}).
     */
    public static KnowledgeIndex open(Path path, Similarity similarity, String embeddingModel) throws IOException {
        return open(path, similarity, embeddingModel, WRITE_LOCK_WAIT);
    }

    /**
     * @param writeLockWait how long an update waits for another process (./kb index, another server)
     *                      to finish writing before it gives up with {@link LockObtainFailedException}
     */
    public static KnowledgeIndex open(Path path, Similarity similarity, String embeddingModel, Duration writeLockWait)
            throws IOException {
        Files.createDirectories(path);
        return open(path, FSDirectory.open(path), similarity, embeddingModel, writeLockWait);
    }

    /** Opens the index in {@code directory} (the folder {@code path}; tests wrap it to make it fail), which it then owns. */
    static KnowledgeIndex open(Path path, Directory directory, Similarity similarity, String embeddingModel,
                               Duration writeLockWait) throws IOException {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                try (IndexWriter writer = new IndexWriter(directory, writerConfig())) {
                    writer.commit();
                }
            }
            return new KnowledgeIndex(path, directory, similarity, embeddingModel, writeLockWait);
        } catch (CorruptIndexException | EOFException e) {
            directory.close();
            throw new IOException("the index in " + path + " is damaged, and nothing will be served from it: "
                    + e.getMessage() + ". Move the folder aside and run ./kb index to rebuild it from the corpus", e);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** True when {@code path} holds a committed index. */
    public static boolean exists(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Directory directory = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(directory);
        } catch (IOException e) {
            return false;
        }
    }

    /** The facet dimensions, shared by indexing and search. */
    public FacetsConfig facetsConfig() {
        return facetsConfig;
    }

    private static FacetsConfig schemaFacets() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(Fields.DOSE_FLEXIBILITY, false);
        config.setMultiValued(Fields.TRD_SUITABILITY, false);
        return config;
    }

    public Path path() {
        return path;
    }

    @Override
    public String location() {
        return path.toString();
    }

    /** How long an update waits for another process's writer. */
    public Duration writeLockWait() {
        return writeLockWait;
    }

    /** The model passage vectors are written with ({@code Embedder#model()}); questions must be embedded with the same one. */
    public String embeddingModel() {
        return embeddingModel;
    }

    /** What the commit currently visible to searchers records. */
    @Override
    public CommitRecord commitRecord() {
        return read(IndexSnapshot::commit);
    }

    /**
     * True when the visible commit was written by another version of the schema or another embedding
     * model (or nothing was committed yet), or with vectors when {@code vectors} is false or without
     * when it is true: searching it works, but not as designed, and the next import rebuilds it in full.
     */
    @Override
    public boolean needsRebuild(boolean vectors) {
        return !commitRecord().compatibleWith(vectors ? embeddingModel : "");
    }

    /** True when the visible commit was imported without vectors (keyword ranking only). */
    @Override
    public boolean keywordOnly() {
        CommitRecord record = commitRecord();
        return record.committedAt() != null && record.embeddingModel().isEmpty();
    }

    /** Work done on one snapshot. */
    @FunctionalInterface
    public interface SnapshotReader<T> {
        T read(IndexSnapshot snapshot) throws IOException;
    }

    /**
     * Runs {@code reader} on the latest snapshot, acquired before and released after it, as the
     * {@code SearcherManager} contract asks.
     */
    public <T> T read(SnapshotReader<T> reader) {
        IndexSnapshot snapshot = acquire();
        try {
            return reader.read(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(snapshot);
        }
    }

    static CommitRecord commitRecord(IndexSearcher searcher) {
        try {
            DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
            return CommitRecord.fromUserData(reader.getIndexCommit().getUserData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long an update waits, by default, for another process that is writing the index. */
    public static final Duration WRITE_LOCK_WAIT = Duration.ofSeconds(10);

    /** The one writer, waiting {@link #writeLockWait} for another process's write lock instead of failing at once. */
    private IndexWriter openWriter(IndexWriterConfig config) throws IOException {
        try {
            return new IndexWriter(waitingForOtherWriters(), config);
        } catch (LockObtainFailedException e) {
            throw new WriterBusyException("another process is writing to the index in " + path + " (./kb index, or a"
                    + " server importing); waited " + writeLockWait.toSeconds() + " s for it to finish: try again when it has", e);
        }
    }

    /** The directory, for a writer that waits for another process's write lock instead of failing at once. */
    private Directory waitingForOtherWriters() {
        return new SleepingLockWrapper(directory, writeLockWait.toMillis(), 100);
    }

    /**
     * Writes the update as one commit and then moves searchers to it. On any failure the writer is
     * rolled back and searchers keep the previous commit.
     */
    @Override
    public Applied apply(IndexUpdate update) throws IOException {
        return commit(writerConfig(), writer -> {
            Applied applied = write(writer, update);
            CommitRecord record = new CommitRecord(CommitRecord.SCHEMA_VERSION, update.hashes(), update.stamps(),
                    update.synonyms(), update.embeddingModel(), Instant.now());
            writer.setLiveCommitData(record.toUserData().entrySet());
            return applied;
        });
    }

    /** What one commit writes, with the one writer. */
    @FunctionalInterface
    private interface Writing<T> {
        T write(IndexWriter writer) throws IOException;
    }

    /**
     * Runs {@code writing} with the one writer and commits what it wrote, with the commit data it
     * set or else the previous commit's, then moves searchers to the commit. On any failure the
     * writer is rolled back and searchers keep the previous commit.
     */
    private <T> T commit(IndexWriterConfig config, Writing<T> writing) throws IOException {
        writeLock.lock();
        try (IndexWriter writer = openWriter(config)) {
            try {
                T written = writing.write(writer);
                writer.commit();
                return written;
            } catch (IOException | RuntimeException e) {
                writer.rollback();
                throw e;
            }
        } finally {
            // Readers move to the commit before the lock is let go, so close() never finds a refresh half done.
            try {
                searchers.maybeRefreshBlocking();
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * The served commit's vectors of the passages from {@code sources}, by embedded text
     * ({@link Embedder#textOf}); from the model {@link CommitRecord#embeddingModel()} names.
     */
    @Override
    public Map<String, float[]> vectorsFrom(Collection<String> sources) {
        if (sources.isEmpty()) {
            return Map.of();
        }
        Query query = passagesOf(sources);
        return read(snapshot -> {
            List<Integer> docs = new ArrayList<>();
            for (ScoreDoc hit : snapshot.search(query, Math.max(1, snapshot.getIndexReader().maxDoc())).scoreDocs) {
                docs.add(hit.doc);
            }
            StoredFields stored = snapshot.getIndexReader().storedFields();
            Map<String, float[]> byText = new HashMap<>();
            for (Map.Entry<Integer, float[]> vector : StoredVectors.of(snapshot, docs).entrySet()) {
                byText.put(Embedder.textOf(Documents.toPassage(stored.document(vector.getKey()))), vector.getValue());
            }
            return byText;
        });
    }

    /** Passage documents that have no vector: written by an import whose vectors are still being added. */
    private static final Query WITHOUT_VECTOR = new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER)
            .add(new FieldExistsQuery(Fields.VECTOR), BooleanClause.Occur.MUST_NOT)
            .build();

    /** How many passages of the served commit have no vector yet. */
    @Override
    public int passagesWithoutVectors() {
        return read(snapshot -> snapshot.count(WITHOUT_VECTOR));
    }

    /** Up to {@code limit} passages of the served commit that have no vector, in index order. */
    @Override
    public List<PendingPassage> passagesWithoutVectors(int limit) {
        return read(snapshot -> {
            StoredFields stored = snapshot.getIndexReader().storedFields();
            List<PendingPassage> pending = new ArrayList<>();
            for (ScoreDoc hit : snapshot.search(WITHOUT_VECTOR, Math.max(1, limit)).scoreDocs) {
                Passage passage = Documents.toPassage(stored.document(hit.doc));
                pending.add(new PendingPassage(passage.id(), Embedder.textOf(passage)));
            }
            return pending;
        });
    }

    /**
     * Gives each passage of {@code vectors} its vector, as one commit that changes nothing else: a
     * passage is rewritten only while it still has no vector and the same text (another import may
     * have changed it meanwhile), so a vector never lands on text it was not computed from.
     *
     * @return how many passages got their vector
     */
    @Override
    public int addVectors(Map<PendingPassage, float[]> vectors) throws IOException {
        // No merges: each would rebuild the vector graphs of the segments it merges, again and again as
        // small segments pile up; mergeSegments() builds the one graph once, when the last vector is in.
        IndexWriterConfig neverMerging = writerConfig().setMergePolicy(NoMergePolicy.INSTANCE);
        return commit(neverMerging, writer -> rewriteWithVectors(writer, vectors));
    }

    /**
     * Reads what the writer holds (under its lock, so no other process can change it meanwhile), in
     * one search for the whole batch, and replaces each passage that still has no vector and the same
     * text. A passage id names one document (ids are {@code <slug>#<anchor>}), so it is replaced by its
     * term: the delete costs a lookup per segment, where a delete by query would run a query on each.
     */
    private int rewriteWithVectors(IndexWriter writer, Map<PendingPassage, float[]> vectors) throws IOException {
        Map<String, PendingPassage> byId = new HashMap<>();
        vectors.keySet().forEach(passage -> byId.put(passage.id(), passage));
        Query batch = new BooleanQuery.Builder()
                .add(WITHOUT_VECTOR, BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(Fields.ID, byId.keySet().stream().map(BytesRef::new).toList()),
                        BooleanClause.Occur.FILTER)
                .build();
        int added = 0;
        try (DirectoryReader current = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(current);
            StoredFields stored = current.storedFields();
            for (ScoreDoc hit : searcher.search(batch, Math.max(1, byId.size())).scoreDocs) {
                Document doc = stored.document(hit.doc);
                Passage held = Documents.toPassage(doc);
                PendingPassage pending = byId.get(held.id());
                Term id = new Term(Fields.ID, held.id());
                if (Embedder.textOf(held).equals(pending.text()) && searcher.count(new TermQuery(id)) == 1) {
                    writer.updateDocument(id, documents.passage(held, doc.get(Fields.SOURCE), vectors.get(pending)));
                    added++;
                }
            }
        }
        return added;
    }

    /**
     * Merges the index into one segment, as one commit that changes no document: after vectors were
     * added in many small commits, each question would otherwise search many small vector graphs, and
     * BM25 would count the replaced documents until merges drop them.
     */
    @Override
    public void mergeSegments() throws IOException {
        commit(writerConfig(), writer -> {
            writer.forceMerge(1);
            return null;
        });
    }

    private Applied write(IndexWriter writer, IndexUpdate update) throws IOException {
        if (update.full()) {
            writer.deleteAll();
        }
        Set<String> replaced = new HashSet<>(update.deletedSources());
        update.guides().forEach(g -> replaced.add(g.source()));
        replaced.addAll(update.providers().keySet());
        if (!update.full()) {
            for (String source : replaced) {
                writer.deleteDocuments(new Term(Fields.SOURCE, source));
            }
        }
        int written = addGuides(writer, update);
        for (Map.Entry<String, Provider> entry : update.providers().entrySet()) {
            writer.addDocument(documents.provider(entry.getValue(), entry.getKey()));
            written++;
        }
        return new Applied(written);
    }

    /**
     * Adds the guides' documents. When some passages have no vector yet, from every core: analysis is
     * most of a keyword import's time, and the writer takes documents from several threads into a
     * segment each, which ranks the same (BM25 statistics are the whole index's). With every vector
     * at hand, from one thread into one segment, so each question searches one vector graph, as the
     * ranking figures were measured.
     */
    private int addGuides(IndexWriter writer, IndexUpdate update) throws IOException {
        IntStream guides = IntStream.range(0, update.guides().size());
        try {
            return (update.everyPassageHasAVector() ? guides : guides.parallel()).map(g -> {
                Guide guide = update.guides().get(g);
                List<Document> docs = documents.guide(guide, update.vectorsOf(guide), update.guideChecks().get(guide.source()));
                try {
                    writer.addDocuments(docs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return docs.size();
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** By source, the importer's checks kept with every guide of the served commit that has them. */
    @Override
    public Map<String, String> guideChecks() {
        return read(snapshot -> {
            Map<String, String> checks = new HashMap<>();
            StoredFields stored = snapshot.getIndexReader().storedFields();
            Query guides = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_GUIDE));
            for (ScoreDoc hit : snapshot.search(guides, Math.max(1, snapshot.getIndexReader().maxDoc())).scoreDocs) {
                Document doc = stored.document(hit.doc, Set.of(Fields.SOURCE, Fields.CHECKS));
                if (doc.get(Fields.CHECKS) != null) {
                    checks.put(doc.get(Fields.SOURCE), doc.get(Fields.CHECKS));
                }
            }
            return checks;
        });
    }

    /** Passage id to text for every passage that came from one of {@code sources}, as the served commit holds them. */
    @Override
    public Map<String, String> passagesFrom(Set<String> sources) {
        Query query = passagesOf(sources);
        return read(snapshot -> {
            Map<String, String> passages = new HashMap<>();
            StoredFields stored = snapshot.getIndexReader().storedFields();
            for (ScoreDoc hit : snapshot.search(query, Math.max(1, snapshot.getIndexReader().maxDoc())).scoreDocs) {
                Document doc = stored.document(hit.doc, Set.of(Fields.ID, Fields.TEXT));
                passages.put(doc.get(Fields.ID), doc.get(Fields.TEXT));
            }
            return passages;
        });
    }

    /** Every passage document that came from one of {@code sources}. */
    private static Query passagesOf(Collection<String> sources) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(Fields.SOURCE, sources.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                .build();
    }

    /** How many documents of a type the served commit holds. */
    @Override
    public int count(String type) {
        return read(snapshot -> snapshot.count(new TermQuery(new Term(Fields.TYPE, type))));
    }

    /** A searcher over the latest visible commit; give it back with {@link #release} in a finally block. */
    public IndexSnapshot acquire() {
        try {
            return (IndexSnapshot) searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Picks up commits made by other processes (e.g. {@code ./kb index} while serving) every {@code period}. */
    public synchronized void refreshEvery(Duration period) {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "index-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Moves readers to a new commit when there is one; a failure (a damaged file) is logged once, not every period. */
    private void refreshQuietly() {
        try {
            searchers.maybeRefresh();
            lastRefreshProblem = null;
        } catch (IOException | RuntimeException e) {
            String problem = e.toString();
            if (!problem.equals(lastRefreshProblem)) {
                LOG.warn("cannot move readers to the latest commit; still serving the previous one: {}", problem);
                lastRefreshProblem = problem;
            }
        }
    }

    private static IndexWriterConfig writerConfig() {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.index());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        // Large enough that a full import of tens of thousands of passages makes one segment: every
        // question searches each segment's terms and vector graph, so seven segments cost several times one.
        config.setRAMBufferSizeMB(ramBufferMegabytes());
        // A half-written update must never become visible through an implicit commit on close.
        config.setCommitOnClose(false);
        return config;
    }

    /** A third of the heap, at most 512 MB and at least Lucene's default of 16 MB. */
    private static double ramBufferMegabytes() {
        double heapMegabytes = Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
        return Math.max(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB, Math.min(512, heapMegabytes / 3));
    }

    /**
     * Closes in dependency order: the refresh thread (waiting for a refresh in progress to finish), an
     * update in progress (waiting for it to commit or roll back), the searcher manager, the directory.
     */
    @Override
    public synchronized void close() throws IOException {
        if (refresher != null) {
            refresher.shutdown();
            try {
                if (!refresher.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("a refresh of the index did not finish within 10 s of closing");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock();
        try {
            searchers.close();
        } finally {
            writeLock.unlock();
            directory.close();
        }
    }
}
