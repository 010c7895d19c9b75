package org.healthkb.importer;

import org.healthkb.index.Analyzers;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexUpdate;
import org.healthkb.index.ContentStore;
import org.healthkb.index.WriterBusyException;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.content.Provider;
import org.healthkb.importer.ImportReport.Changes;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.VectorCache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings the index up to date with the corpus folder: reads and checks everything first, works out
 * what changed since the last commit (by content hash), refuses suspicious shrinking, then writes
 * the changes as one commit. Imports are serialised; nothing is written unless the whole corpus is
 * valid. Thread-safe.
 */
public final class Reindexer {
    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
    private static final String GUIDES = "guides/";
    private static final String PROVIDERS = "providers/";
    /** At most this many passages are embedded before the import's commit (one batch, a few seconds); more wait for later commits. */
    static final int EMBED_BEFORE_COMMIT = PassageEmbedding.BATCH;

    private final Path corpusDir;
    private final ContentStore index;
    private final CorpusReader reader = new CorpusReader();
    private final Embedder embedder;
    private final Path vectorCacheDir;
    private final ReentrantLock running = new ReentrantLock();
    private volatile ImportStatus lastStatus;
    private volatile EmbeddingProgress embeddingProgress;
    /** Adds vectors after an import that returned without them ({@link ImportOptions#vectorsLater()}). */
    private final ExecutorService vectorsLater = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "add-vectors");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private volatile boolean stopped;

    /** @param embedder the model of the index's vectors; vectorCacheDir where passage vectors are kept across index folders ({@link VectorCache}), or null for nowhere */
    public Reindexer(Path corpusDir, ContentStore index, Embedder embedder, Path vectorCacheDir) {
        this.corpusDir = corpusDir;
        this.index = index;
        this.embedder = embedder;
        this.vectorCacheDir = vectorCacheDir;
    }

    public Path corpusDir() {
        return corpusDir;
    }

    /**
     * Stops taking imports, for shutdown before the index is closed. An import still reading, or
     * embedding before its commit, gives up at its next batch and writes nothing (embedding a large
     * corpus takes minutes, too long to make Ctrl-C wait); one already writing finishes its commit;
     * one adding vectors after its commit commits the batch in hand and leaves the rest to the next
     * import. Waits up to {@code wait} for either, then refuses any later import.
     *
     * @return false when an import was still running after the wait
     */
    public boolean stop(Duration wait) {
        stopping = true;
        try {
            if (!running.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        stopped = true;
        running.unlock();
        vectorsLater.shutdown();
        return true;
    }

    /** The last import attempt of this process, or null before the first. */
    public ImportStatus lastStatus() {
        return lastStatus;
    }

    /** How many passages of the served commit are searchable by their words only, their vectors still to come. */
    public int passagesWithoutVectors() {
        return index.passagesWithoutVectors();
    }

    /** How far the running import is with embedding, or null when none is embedding. */
    public EmbeddingProgress embeddingProgress() {
        return embeddingProgress;
    }

    /**
     * True when a file was added, changed or removed since the served commit, the schema changed, or
     * passages still wait for their vectors (an import was stopped before it had added them all).
     */
    public boolean isStale() {
        CommitRecord served = index.commitRecord();
        return index.needsRebuild(!index.keywordOnly())
                || !served.hashes().equals(reader.hashes(corpusDir, served.hashes(), served.stamps()))
                || !index.keywordOnly() && index.passagesWithoutVectors() > 0;
    }

    /**
     * Runs one import.
     *
     * @param waitIfBusy wait for a running import to finish instead of failing with {@link ImportBusyException}
     */
    public ImportReport run(ImportOptions options, CorpusReader.Progress progress, boolean waitIfBusy)
            throws CorpusException, ShrinkRefusedException, ImportBusyException, IOException {
        if (waitIfBusy) {
            running.lock();
        } else if (!running.tryLock()) {
            throw new ImportBusyException();
        }
        if (stopped) {
            running.unlock();
            throw new ImportBusyException("the server is stopping; no import is started", null);
        }
        Instant started = Instant.now();
        long start = System.nanoTime();
        try {
            ImportReport report = importCorpus(options, tracked(progress), start);
            lastStatus = new ImportStatus(started, report.durationMs(), "ok", report, List.of());
            return report;
        } catch (CorpusException e) {
            lastStatus = new ImportStatus(started, millisSince(start), "invalid", null, e.problems());
            throw e;
        } catch (ShrinkRefusedException e) {
            lastStatus = new ImportStatus(started, millisSince(start), "refused", null,
                    List.of(new Problem(corpusDir.toString(), "", e.getMessage())));
            throw e;
        } catch (Stopped e) {
            ImportBusyException stoppedBusy = new ImportBusyException("the import was stopped before it wrote anything;"
                    + " the index keeps its previous commit", e);
            lastStatus = new ImportStatus(started, millisSince(start), "stopped", null,
                    List.of(new Problem(index.location(), "", stoppedBusy.getMessage())));
            throw stoppedBusy;
        } catch (WriterBusyException e) {
            ImportBusyException busy = new ImportBusyException(e.getMessage(), e);
            lastStatus = new ImportStatus(started, millisSince(start), "busy", null,
                    List.of(new Problem(index.location(), "", busy.getMessage())));
            throw busy;
        } catch (IOException | RuntimeException e) {
            lastStatus = new ImportStatus(started, millisSince(start), "failed", null,
                    List.of(new Problem(index.location(), "", String.valueOf(e.getMessage()))));
            throw e;
        } finally {
            embeddingProgress = null;
            running.unlock();
        }
    }

    /**
     * Adds the missing vectors once the import that committed their passages has returned, holding
     * the import lock as any import does (an import started meanwhile adds them itself).
     */
    private void addVectorsInBackground(PassageEmbedding step) {
        vectorsLater.execute(() -> {
            running.lock();
            try {
                if (!stopping) {
                    step.addMissingVectors(tracked(CorpusReader.Progress.NONE), () -> stopping);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("adding vectors stopped; the passages stay searchable by their words, and the next import"
                        + " adds the rest: {}", e.toString());
            } finally {
                embeddingProgress = null;
                running.unlock();
            }
        });
    }

    /** Keeps the embedding progress for {@link #embeddingProgress}, besides telling {@code progress}. */
    private CorpusReader.Progress tracked(CorpusReader.Progress progress) {
        return new CorpusReader.Progress() {
            @Override
            public void fileDone(int done, int total) {
                progress.fileDone(done, total);
            }

            @Override
            public void passagesEmbedded(int done, int total) {
                EmbeddingProgress previous = embeddingProgress;
                embeddingProgress = previous == null || previous.total() != total ? EmbeddingProgress.start(total).at(done)
                        : previous.at(done);
                progress.passagesEmbedded(done, total);
            }

            @Override
            public void passagesSearchable(int passages, int withoutVectors) {
                progress.passagesSearchable(passages, withoutVectors);
            }
        };
    }

    /** Thrown from progress reports, the points where an import can give up before it writes. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopping", null, false, false);
        }
    }

    /** Reports progress, and gives up between files and between batches of passages once {@link #stop} is called. */
    private CorpusReader.Progress stoppable(CorpusReader.Progress progress) {
        return new CorpusReader.Progress() {
            @Override
            public void fileDone(int done, int total) {
                progress.fileDone(done, total);
                giveUpIfStopping();
            }

            @Override
            public void passagesEmbedded(int done, int total) {
                progress.passagesEmbedded(done, total);
                giveUpIfStopping();
            }

            @Override
            public void passagesSearchable(int passages, int withoutVectors) {
                progress.passagesSearchable(passages, withoutVectors);
            }
        };
    }

    private void giveUpIfStopping() {
        if (stopping) {
            throw new Stopped();
        }
    }

    private ImportReport importCorpus(ImportOptions options, CorpusReader.Progress reported, long start)
            throws CorpusException, ShrinkRefusedException, IOException {
        CorpusReader.Progress progress = stoppable(reported);
        CommitRecord before = index.commitRecord();
        boolean vectors = switch (options.vectors()) {
            case AS_BEFORE -> !index.keywordOnly();
            case EMBED -> true;
            case NONE -> false;
        };
        boolean full = options.full() || index.needsRebuild(vectors);
        PassageEmbedding embedding = vectors ? new PassageEmbedding(embedder, index,
                vectorCacheDir == null ? null : VectorCache.in(vectorCacheDir, embedder.model())) : null;
        if (!full && before.committedAt() != null
                && reader.hashes(corpusDir, before.hashes(), before.stamps()).equals(before.hashes())) {
            // Every file as the last commit recorded it, so as valid as it was then: nothing to read or write,
            // except the vectors an earlier import was stopped before it added.
            List<Problem> problems = new ArrayList<>();
            int withoutVectors = embedding == null ? 0 : addMissingVectors(embedding, reported, problems);
            return ImportReport.unchanged(before.committedAt(), index.count(Fields.TYPE_GUIDE),
                    index.count(Fields.TYPE_PASSAGE), index.count(Fields.TYPE_PROVIDER), withoutVectors, problems,
                    millisSince(start));
        }
        Corpus corpus = reader.read(corpusDir, progress, full ? CorpusReader.Known.NOTHING : known(before));
        checkSynonyms(corpus.synonyms());
        Set<String> changed = full ? union(before.hashes().keySet(), corpus.hashes().keySet())
                : CorpusReader.changedSources(before.hashes(), corpus.hashes());

        List<Guide> guides = corpus.guides().stream().filter(g -> changed.contains(g.source())).toList();
        Map<String, Provider> providers = new HashMap<>();
        corpus.providers().stream().filter(p -> changed.contains(corpus.providerSources().get(p.id())))
                .forEach(p -> providers.put(corpus.providerSources().get(p.id()), p));
        Set<String> deleted = new TreeSet<>(before.hashes().keySet());
        deleted.removeAll(corpus.hashes().keySet());

        Changes passages = passageChanges(changed, guides);
        Changes guideChanges = sourceChanges(GUIDES, changed, before.hashes(), corpus.hashes());
        Changes providerChanges = sourceChanges(PROVIDERS, changed, before.hashes(), corpus.hashes());
        guardShrink(options, passages, providerChanges);

        boolean synonymsChanged = !Objects.equals(before.synonyms(), corpus.synonyms());
        Map<String, float[]> vectorsNow = embedding == null ? Map.of() : vectorsBeforeCommit(embedding, guides, progress);
        IndexUpdate update = new IndexUpdate(full, guides, providers, deleted, corpus.hashes(), corpus.synonyms(),
                embedding == null ? "" : embedding.model(), vectorsNow, corpus.stamps(), checksOf(guides, corpus));
        int written = 0;
        if (full || !changed.isEmpty()) {
            giveUpIfStopping();
            written = index.apply(update).documentsWritten();
        }
        int withoutVectors = 0;
        List<Problem> warnings = new ArrayList<>(corpus.warnings());
        if (embedding != null) {
            withoutVectors = index.passagesWithoutVectors();
            reported.passagesSearchable(index.count(Fields.TYPE_PASSAGE), withoutVectors);
            if (options.vectorsLater() && withoutVectors > 0) {
                addVectorsInBackground(embedding);
            } else {
                withoutVectors = addMissingVectors(embedding, reported, warnings);
            }
        }
        return new ImportReport(full, guideChanges, passages, providerChanges, synonymsChanged, written,
                corpus.guideCount(), corpus.passageCount(), corpus.providers().size(), withoutVectors, warnings,
                millisSince(start), null);
    }

    /**
     * The vectors written with the import's commit: those at hand, and, when only a few passages
     * need the model ({@link #EMBED_BEFORE_COMMIT}), theirs too, so a small edit lands whole in one
     * commit. A larger import commits its passages first, searchable by their words at once, and
     * adds the missing vectors in later commits.
     */
    private static Map<String, float[]> vectorsBeforeCommit(PassageEmbedding embedding, List<Guide> guides,
                                                            CorpusReader.Progress progress) {
        Map<String, float[]> vectors = new HashMap<>(embedding.atHand(guides));
        List<String> missing = PassageEmbedding.missing(PassageEmbedding.textsOf(guides), vectors);
        if (missing.size() <= EMBED_BEFORE_COMMIT) {
            vectors.putAll(embedding.embed(missing, progress));
        }
        return vectors;
    }

    /**
     * Adds the vectors the served commit lacks. Its passages are committed and searchable whatever
     * happens here, so a failure (the model cannot load, the disk fills) is a warning on a finished
     * import, not a failed one: the next import adds the rest.
     */
    private int addMissingVectors(PassageEmbedding embedding, CorpusReader.Progress progress, List<Problem> warnings) {
        try {
            return embedding.addMissingVectors(progress, () -> stopping);
        } catch (IOException | RuntimeException e) {
            int left = index.passagesWithoutVectors();
            warnings.add(new Problem(index.location(), "", "vectors were not added to " + left + " passages ("
                    + e.getMessage() + "); they are searchable by their words, and the next import adds the rest"));
            return left;
        }
    }

    /** What the served commit holds of the corpus: guides whose files are as it recorded them are not parsed again. */
    private CorpusReader.Known known(CommitRecord served) {
        Map<String, GuideChecks> checks = new HashMap<>();
        index.guideChecks().forEach((source, json) -> {
            GuideChecks recorded = GuideChecks.fromJson(json);
            if (recorded != null) {
                checks.put(source, recorded);
            }
        });
        return new CorpusReader.Known(served.hashes(), served.stamps(), checks);
    }

    /** The checks of the guides written, as JSON, to keep with them. */
    private static Map<String, String> checksOf(List<Guide> guides, Corpus corpus) {
        Map<String, String> checks = new HashMap<>();
        guides.forEach(guide -> checks.put(guide.source(), corpus.checks().get(guide.source()).toJson()));
        return checks;
    }

    private static void checkSynonyms(String synonyms) throws CorpusException {
        try {
            Analyzers.synonyms(synonyms);
        } catch (IllegalArgumentException e) {
            throw new CorpusException(new Problem(Corpus.SYNONYMS_FILE, "", "invalid synonym rule: " + e.getMessage()));
        }
    }

    private Changes passageChanges(Set<String> changed, List<Guide> guides) {
        Set<String> oldGuideSources = new HashSet<>();
        changed.stream().filter(s -> s.startsWith(GUIDES)).forEach(oldGuideSources::add);
        Map<String, String> before = index.passagesFrom(oldGuideSources);
        Map<String, String> after = new HashMap<>();
        for (Guide guide : guides) {
            for (Passage passage : guide.passages()) {
                after.put(passage.id(), passage.text());
            }
        }
        int added = (int) after.keySet().stream().filter(id -> !before.containsKey(id)).count();
        int deleted = (int) before.keySet().stream().filter(id -> !after.containsKey(id)).count();
        int updated = (int) after.entrySet().stream()
                .filter(e -> before.containsKey(e.getKey()) && !before.get(e.getKey()).equals(e.getValue())).count();
        return new Changes(added, updated, deleted);
    }

    private static Changes sourceChanges(String prefix, Set<String> changed, Map<String, String> before,
                                         Map<String, String> after) {
        int added = 0;
        int updated = 0;
        int deleted = 0;
        for (String source : changed) {
            if (!source.startsWith(prefix)) {
                continue;
            }
            boolean wasThere = before.containsKey(source);
            boolean isThere = after.containsKey(source);
            if (wasThere && isThere) {
                updated += Objects.equals(before.get(source), after.get(source)) ? 0 : 1;
            } else if (isThere) {
                added++;
            } else {
                deleted++;
            }
        }
        return new Changes(added, updated, deleted);
    }

    /** An empty or half-copied corpus folder must not be able to wipe the index. */
    private void guardShrink(ImportOptions options, Changes passages, Changes providers) throws ShrinkRefusedException {
        if (options.allowShrink()) {
            return;
        }
        int currentPassages = index.count(Fields.TYPE_PASSAGE);
        int currentProviders = index.count(Fields.TYPE_PROVIDER);
        if (passages.deleted() * 2 > currentPassages && currentPassages > 0) {
            throw new ShrinkRefusedException("the import would delete " + passages.deleted() + " of " + currentPassages
                    + " passages; if that is intended, run it again with --allow-shrink");
        }
        if (providers.deleted() * 2 > currentProviders && currentProviders > 0) {
            throw new ShrinkRefusedException("the import would delete " + providers.deleted() + " of " + currentProviders
                    + " providers; if that is intended, run it again with --allow-shrink");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
