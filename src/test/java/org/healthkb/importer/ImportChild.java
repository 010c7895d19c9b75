package org.healthkb.importer;

import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.semantic.Embedder;

import java.nio.file.Path;
import java.util.List;

/**
 * A separate JVM that runs one import, for {@link ImportCrashIT} to kill at a random moment. The
 * kills test Lucene's commits, not meaning: the embedder is a fake, paced at {@link #PACE_MS} a
 * batch so that adding vectors takes long enough to be killed in, without loading the model.
 */
public final class ImportChild {
    static final long PACE_MS = 150;

    private ImportChild() {
    }

    /** The fake embedder, taking {@link #PACE_MS} for each batch as a model takes seconds. */
    static final class PacedEmbedder implements Embedder {
        private final FakeEmbedder fake = new FakeEmbedder();

        @Override
        public String model() {
            return fake.model();
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            try {
                Thread.sleep(PACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake.passages(texts);
        }

        @Override
        public float[] question(String text) {
            return fake.question(text);
        }
    }

    /**
     * Prints when reading ends, when the passages are committed (searchable by their words), when
     * embedding ends, and when the import is done, in ms since start.
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(Path.of(args[0]), Path.of(args[1])), new PacedEmbedder())) {
            CorpusReader.Progress progress = new CorpusReader.Progress() {
                @Override
                public void fileDone(int done, int total) {
                    if (done == total) {
                        System.out.println("read " + (System.nanoTime() - start) / 1_000_000);
                    }
                }

                @Override
                public void passagesSearchable(int passages, int withoutVectors) {
                    System.out.println("searchable " + (System.nanoTime() - start) / 1_000_000 + " " + withoutVectors);
                }

                @Override
                public void passagesEmbedded(int done, int total) {
                    if (done == total) {
                        System.out.println("embedded " + (System.nanoTime() - start) / 1_000_000);
                    }
                }
            };
            ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL, progress, true);
            System.out.println("committed " + (System.nanoTime() - start) / 1_000_000 + " " + report.documentsWritten());
        }
    }
}
