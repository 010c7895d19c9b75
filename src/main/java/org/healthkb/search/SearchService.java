package org.healthkb.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.healthkb.index.Documents;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.passage.Passage;
import org.healthkb.search.Timings.Stage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers readers' questions with ranked, highlighted passages, and serves guides and completions.
 * Returns plain records: no Lucene type leaves this package. Thread-safe.
 */
public final class SearchService {
    /** Deepest result a reader can page to: {@code offset + limit} may not exceed it. */
    public static final int MAX_DEPTH = 1000;
    /** Score first, then id: equal scores always come back in the same order. */
    private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID, SortField.Type.STRING));

    private final KnowledgeIndex index;
    private final Ranking ranking;
    private final SpellingCorrector corrector;
    private final SuggestionCache suggestions;

    public SearchService(KnowledgeIndex index, Ranking ranking) {
        this.index = index;
        this.ranking = ranking;
        this.corrector = new SpellingCorrector(ranking);
        this.suggestions = new SuggestionCache(index);
    }

    /** One page of passages answering {@code question}; falls back to the corrected question when nothing matches. */
    public SearchResults search(String question, int limit, int offset) {
        long start = System.nanoTime();
        Timings.Clock clock = new Timings.Clock();
        UserQuery query = UserQuery.parse(question);
        return index.read(snapshot -> {
            UserQuery correctedQuery = corrected(query, snapshot.getIndexReader());
            boolean misspelt = correctedQuery != query;
            clock.lap(Stage.PARSE);
            Page page = page(snapshot, query, correctedQuery.plainText(), limit, offset, clock);
            boolean corrected = false;
            if (page.total() == 0 && misspelt) {
                page = page(snapshot, correctedQuery, correctedQuery.plainText(), limit, offset, clock);
                corrected = page.total() > 0;
            }
            String didYouMean = misspelt ? withPhrases(correctedQuery.words(), query) : null;
            List<String> missing = new QueryFactory(ranking, snapshot).missingWords((corrected ? correctedQuery : query).words());
            clock.lap(Stage.MISSING);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            return new SearchResults(question, page.total(), tookMs, page.hits(), didYouMean, corrected, missing,
                    clock.timings());
        });
    }

    /**
     * Ids of the top {@code depth} passages for {@code question}, best first, in exactly the order a
     * reader would page through them, without snippets: for evaluation.
     */
    public List<String> rankedIds(String question, int depth) {
        return index.read(snapshot -> {
            StoredFields stored = snapshot.getIndexReader().storedFields();
            List<String> ids = new ArrayList<>();
            UserQuery query = UserQuery.parse(question);
            String meaning = corrected(query, snapshot.getIndexReader()).plainText();
            for (ScoreDoc doc : ordered(snapshot, query, meaning, depth, new Timings.Clock()).docs()) {
                ids.add(stored.document(doc.doc, Set.of(Fields.ID)).get(Fields.ID));
            }
            return ids;
        });
    }

    /** Completions for a prefix; right after a commit they may come from the previous one for a few seconds. */
    public List<String> suggest(String prefix, int limit) {
        return suggestions.lookup(prefix, limit);
    }

    /** Starts building completions for the latest commit in the background, so the first reader need not wait. */
    public void prepareSuggestions() {
        suggestions.refresh();
    }

    public Optional<GuidePage> guide(String slug) {
        return index.read(snapshot -> {
            TopDocs top = snapshot.search(typed(Fields.TYPE_GUIDE, Fields.SLUG, slug), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document doc = snapshot.getIndexReader().storedFields().document(top.scoreDocs[0].doc);
            int passages = snapshot.count(typed(Fields.TYPE_PASSAGE, Fields.SLUG, slug));
            return Optional.of(new GuidePage(slug, doc.get(Fields.GUIDE_TITLE), doc.get(Fields.DESCRIPTION),
                    doc.get(Fields.HTML), passages, Arrays.asList(doc.getValues(Fields.LINKS))));
        });
    }

    public List<GuideSummary> guides() {
        return index.read(snapshot -> {
            IndexReader reader = snapshot.getIndexReader();
            StoredFields stored = reader.storedFields();
            List<GuideSummary> guides = new ArrayList<>();
            for (ScoreDoc hit : snapshot.search(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_GUIDE)), Math.max(1, reader.maxDoc())).scoreDocs) {
                Document doc = stored.document(hit.doc);
                guides.add(new GuideSummary(doc.get(Fields.SLUG), doc.get(Fields.GUIDE_TITLE), doc.get(Fields.DESCRIPTION)));
            }
            guides.sort(Comparator.comparing(GuideSummary::title, String.CASE_INSENSITIVE_ORDER));
            return guides;
        });
    }

    public IndexStats stats() {
        return index.read(snapshot -> new IndexStats(count(snapshot, Fields.TYPE_GUIDE),
                count(snapshot, Fields.TYPE_PASSAGE), count(snapshot, Fields.TYPE_PROVIDER), snapshot.commit().committedAt()));
    }

    private record Page(long total, List<Hit> hits) {
    }

    private record Ranked(Query query, long total, List<ScoreDoc> docs) {
    }

    /**
     * @param meaning the question as the embedding model reads it: with misspelt words corrected, because
     *                the model knows a word only as it is spelt ("depresion" is not "depression" to it),
     *                while BM25 reads {@code query} as typed, with typo tolerance of its own
     */
    private Page page(IndexSnapshot snapshot, UserQuery query, String meaning, int limit, int offset, Timings.Clock clock)
            throws IOException {
        Ranked ranked = ordered(snapshot, query, meaning, Math.min(MAX_DEPTH, offset + limit), clock);
        List<ScoreDoc> docs = ranked.docs();
        List<ScoreDoc> page = docs.subList(Math.min(offset, docs.size()), Math.min(offset + limit, docs.size()));
        return new Page(ranked.total(), hits(snapshot, ranked.query(), page, clock));
    }

    /**
     * The top {@code depth} passages in reading order: by score and id, then diversified. Diversity
     * always works on the same pool of top candidates, however deep the request, so the first page
     * is the same whether a reader asks for five hits or fifty.
     */
    private Ranked ordered(IndexSnapshot snapshot, UserQuery query, String meaning, int depth, Timings.Clock clock)
            throws IOException {
        int pool = ranking.diversityWindow() == 0 ? 0 : Diversity.POOL;
        Ranked ranked = ranked(snapshot, query, meaning, Math.max(depth, pool), clock);
        List<ScoreDoc> docs = ranked.docs();
        if (pool > 0) {
            DocValueKeys sections = new DocValueKeys(snapshot, Fields.SECTION_KEY);
            List<ScoreDoc> diversified = new ArrayList<>(Diversity.reorder(docs.subList(0, Math.min(pool, docs.size())),
                    doc -> sections.of(doc.doc), ranking.maxPerSection(), ranking.diversityWindow()));
            diversified.addAll(docs.subList(Math.min(pool, docs.size()), docs.size()));
            docs = diversified;
        }
        clock.lap(Stage.DIVERSITY);
        return new Ranked(ranked.query(), ranked.total(), docs.subList(0, Math.min(depth, docs.size())));
    }

    /** BM25's top {@code depth}, blended with the passages nearest in meaning when the ranking asks for it. */
    private Ranked ranked(IndexSnapshot snapshot, UserQuery query, String meaning, int depth, Timings.Clock clock)
            throws IOException {
        Query lucene = new QueryFactory(ranking, snapshot).passages(query);
        if (lucene == null) {
            return new Ranked(null, 0, List.of());
        }
        int candidates = ranking.semantic() ? Math.max(depth, ranking.semanticCandidates()) : depth;
        TopDocs top = snapshot.search(lucene, new TopFieldCollectorManager(BY_SCORE_THEN_ID, candidates, null, Integer.MAX_VALUE));
        // Sorting by score keeps it in the sort values; the blend and the hits read it from ScoreDoc.score.
        List<ScoreDoc> docs = Arrays.stream(top.scoreDocs).map(d -> new ScoreDoc(d.doc, (Float) ((FieldDoc) d).fields[0])).toList();
        clock.lap(Stage.BM25);
        if (!ranking.semantic()) {
            return new Ranked(lucene, top.totalHits.value(), docs);
        }
        float[] question = index.embedder().question(meaning);
        clock.lap(Stage.EMBEDDING);
        HybridRanking.Question asked = new HybridRanking.Question(question, query.phrases().isEmpty(),
                ProviderAnswers.asked(meaning));
        HybridRanking.Result blended = new HybridRanking(snapshot, ranking).blend(docs, lucene, top.totalHits.value(), asked, clock);
        return new Ranked(lucene, blended.total(), blended.docs());
    }

    /** The query with misspelt words corrected (only words neither the index nor English has), or itself when none is. */
    private UserQuery corrected(UserQuery query, IndexReader reader) {
        String words = query.words().isBlank() ? null : corrector.correct(query.words(), reader);
        return words == null ? query : query.withWords(words);
    }

    private List<Hit> hits(IndexSnapshot snapshot, Query query, List<ScoreDoc> page, Timings.Clock clock) throws IOException {
        if (page.isEmpty()) {
            return List.of();
        }
        int[] docIds = page.stream().mapToInt(d -> d.doc).toArray();
        String[] snippets = Snippets.of(snapshot, query, docIds);
        clock.lap(Stage.SNIPPETS);
        StoredFields stored = snapshot.getIndexReader().storedFields();
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < docIds.length; i++) {
            Passage p = Documents.toPassage(stored.document(docIds[i]));
            hits.add(new Hit(p.id(), p.guideSlug(), p.guideTitle(), p.headingPath(),
                    "/guides/" + p.guideSlug() + "#" + p.anchor(), snippets[i], p.text(), page.get(i).score));
        }
        clock.lap(Stage.STORED);
        return hits;
    }

    private static String withPhrases(String words, UserQuery query) {
        String phrases = query.phrases().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(" "));
        return (words + " " + phrases).strip();
    }

    private static Query typed(String type, String field, String value) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.TYPE, type)), Occur.FILTER)
                .add(new TermQuery(new Term(field, value)), Occur.FILTER)
                .build();
    }

    private static int count(IndexSnapshot snapshot, String type) throws IOException {
        return snapshot.count(new TermQuery(new Term(Fields.TYPE, type)));
    }
}
