package org.healthkb.importer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Re-imports when files under the corpus change. Editors save in bursts (several files, temporary
 * files, renames), so a run starts only after {@code quietPeriod} without further changes. Each run
 * is the same incremental, validated import as {@code ./kb index} and is logged.
 */
public final class CorpusWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusWatcher.class);

    private final Reindexer reindexer;
    private final Duration quietPeriod;
    private final WatchService watcher;
    private final Thread thread;

    public CorpusWatcher(Reindexer reindexer, Duration quietPeriod) throws IOException {
        this.reindexer = reindexer;
        this.quietPeriod = quietPeriod;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree(reindexer.corpusDir());
        this.thread = new Thread(this::watch, "corpus-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey first = watcher.take();
                drain(first);
                WatchKey next;
                while ((next = watcher.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                registerTree(reindexer.corpusDir());
                runImport();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("stopped watching {}: {}", reindexer.corpusDir(), e.getMessage());
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void runImport() {
        try {
            ImportReport report = reindexer.run(ImportOptions.INCREMENTAL.withVectorsLater(), CorpusReader.Progress.NONE, true);
            LOG.info("corpus changed; imported in {} ms: guides {}, passages {}, providers {}, {} warnings",
                    report.durationMs(), report.guides(), report.passages(), report.providers(), report.warnings().size());
        } catch (CorpusException e) {
            LOG.warn("corpus changed but is invalid; still serving the previous content:\n  {}",
                    String.join("\n  ", e.problems().stream().map(Object::toString).toList()));
        } catch (ShrinkRefusedException e) {
            LOG.warn("corpus changed but the import was refused: {}", e.getMessage());
        } catch (ImportBusyException | IOException | RuntimeException e) {
            LOG.error("corpus changed but the import failed: {}", e.getMessage());
        }
    }

    @Override
    /** Stops watching: the watcher's thread ends (an import it started finishes first) before this returns. */
    public void close() throws IOException {
        thread.interrupt();
        watcher.close();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
