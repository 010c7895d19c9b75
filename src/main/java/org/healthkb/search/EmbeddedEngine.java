package org.healthkb.search;

import org.healthkb.index.KnowledgeIndex;

/** The embedded Lucene index as the engine searches read: a view per {@link org.healthkb.index.IndexSnapshot}. */
public final class EmbeddedEngine implements SearchEngine {
    private final KnowledgeIndex index;

    public EmbeddedEngine(KnowledgeIndex index) {
        this.index = index;
    }

    @Override
    public <T> T read(Work<T> work) {
        return index.read(snapshot -> work.on(new SnapshotView(snapshot)));
    }

    @Override
    public String embeddingModel() {
        return index.embeddingModel();
    }

    /** The latest commit, named by its reader. */
    @Override
    public Object latest() {
        return index.read(snapshot -> snapshot.getIndexReader().getReaderCacheHelper().getKey());
    }

    @Override
    public Object collect(Suggestions.Texts texts) {
        return index.read(snapshot -> {
            Suggestions.collect(snapshot, texts);
            return snapshot.getIndexReader().getReaderCacheHelper().getKey();
        });
    }
}
