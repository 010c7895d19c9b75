package org.healthkb.search;

import org.healthkb.index.KnowledgeIndex;

import java.util.List;

/** The embedded Lucene index as the engine searches read: a view per {@link org.healthkb.index.IndexSnapshot}. */
public final class EmbeddedEngine implements SearchEngine {
    private final KnowledgeIndex index;
    private final SuggestionCache suggestions;

    public EmbeddedEngine(KnowledgeIndex index) {
        this.index = index;
        this.suggestions = new SuggestionCache(new SuggestionCache.Source() {
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
        });
    }

    @Override
    public <T> T read(Work<T> work) {
        return index.read(snapshot -> work.on(new SnapshotView(snapshot)));
    }

    @Override
    public String embeddingModel() {
        return index.embeddingModel();
    }

    @Override
    public List<String> suggest(String prefix, int limit) {
        return suggestions.lookup(prefix, limit);
    }

    @Override
    public void prepareSuggestions() {
        suggestions.refresh();
    }
}
