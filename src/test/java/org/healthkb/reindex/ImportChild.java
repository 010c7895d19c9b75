package org.healthkb.reindex;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.importer.CorpusReader;

import java.nio.file.Path;

/** A separate JVM that runs one import, for {@link ImportCrashIT} to kill at a random moment. */
public final class ImportChild {
    private ImportChild() {
    }

    /**
     * Prints when reading ends, when the passages are committed (searchable by their words), when
     * embedding ends, and when the import is done, in ms since start.
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(Path.of(args[0]), Path.of(args[1])))) {
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
