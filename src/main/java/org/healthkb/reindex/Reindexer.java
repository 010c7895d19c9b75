package org.healthkb.reindex;

import org.healthkb.importer.Corpus;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.GuideChecks;
import org.healthkb.importer.Problem;
import org.healthkb.index.Analyzers;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexUpdate;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.passage.Guide;
import org.healthkb.passage.Passage;
import org.healthkb.passage.Provider;
import org.healthkb.reindex.ImportReport.Changes;

import org.apache.lucene.store.LockObtainFailedException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings the index up to date with the corpus folder: reads and checks everything first, works out
 * what changed since the last commit (by content hash), refuses suspicious shrinking, then writes
 * the changes as one commit. Imports are serialised; nothing is written unless the whole corpus is
 * valid. Thread-safe.
 */
public final class Reindexer {
    private static final String GUIDES = "guides/";
    private static final String PROVIDERS = "providers/";

    private final Path corpusDir;
    private final KnowledgeIndex index;
    private final CorpusReader reader = new CorpusReader();
    private final ReentrantLock running = new ReentrantLock();
    private volatile ImportStatus lastStatus;
    private volatile boolean stopping;
    private volatile boolean stopped;

    public Reindexer(Path corpusDir, KnowledgeIndex index) {
        this.corpusDir = corpusDir;
        this.index = index;
    }

    public Path corpusDir() {
        return corpusDir;
    }

    /**
     * Stops taking imports, for shutdown before the index is closed. An import still reading or
     * embedding gives up at its next batch and writes nothing (embedding a large corpus takes
     * minutes, too long to make Ctrl-C wait); one already writing finishes its commit. Waits up to
     * {@code wait} for either, then refuses any later import.
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
        return true;
    }

    /** The last import attempt of this process, or null before the first. */
    public ImportStatus lastStatus() {
        return lastStatus;
    }

    /** True when a file was added, changed or removed since the served commit, or the schema changed. */
    public boolean isStale() {
        CommitRecord served = index.commitRecord();
        return index.needsRebuild(!index.keywordOnly())
                || !served.hashes().equals(reader.hashes(corpusDir, served.hashes(), served.stamps()));
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
            ImportReport report = importCorpus(options, progress, start);
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
                    List.of(new Problem(index.path().toString(), "", stoppedBusy.getMessage())));
            throw stoppedBusy;
        } catch (LockObtainFailedException e) {
            ImportBusyException busy = new ImportBusyException("another process is writing to the index in " + index.path()
                    + " (./kb index, or a server importing); waited " + index.writeLockWait().toSeconds()
                    + " s for it to finish: try again when it has", e);
            lastStatus = new ImportStatus(started, millisSince(start), "busy", null,
                    List.of(new Problem(index.path().toString(), "", busy.getMessage())));
            throw busy;
        } catch (IOException | RuntimeException e) {
            lastStatus = new ImportStatus(started, millisSince(start), "failed", null,
                    List.of(new Problem(index.path().toString(), "", String.valueOf(e.getMessage()))));
            throw e;
        } finally {
            running.unlock();
        }
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
        if (!full && before.committedAt() != null
                && reader.hashes(corpusDir, before.hashes(), before.stamps()).equals(before.hashes())) {
            // Every file as the last commit recorded it, so as valid as it was then: nothing to read or write.
            return ImportReport.unchanged(before.committedAt(), index.count(Fields.TYPE_GUIDE),
                    index.count(Fields.TYPE_PASSAGE), index.count(Fields.TYPE_PROVIDER), millisSince(start));
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
        IndexUpdate update = new IndexUpdate(full, guides, providers, deleted, corpus.hashes(), corpus.synonyms(), vectors,
                corpus.stamps(), checksOf(guides, corpus));
        int written = 0;
        if (full || !changed.isEmpty()) {
            giveUpIfStopping();
            written = index.apply(update, progress::passagesEmbedded).documentsWritten();
        }
        return new ImportReport(full, guideChanges, passages, providerChanges, synonymsChanged, written,
                corpus.guideCount(), corpus.passageCount(), corpus.providers().size(), corpus.warnings(),
                millisSince(start), null);
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
