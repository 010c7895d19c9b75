package org.healthkb.search;

import org.healthkb.index.KnowledgeIndex;

import java.util.List;

/** The embedded Lucene index as the engine searches read: a view per {@link org.healthkb.index.IndexSnapshot}. */
public final class EmbeddedEngine implements SearchEngine {
    private final KnowledgeIndex index;
    private final SuggestionCache suggestions;

    public EmbeddedEngine(KnowledgeIndex index) {
        this.index = index;
        this.suggestions = new SuggestionCache(index);
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
