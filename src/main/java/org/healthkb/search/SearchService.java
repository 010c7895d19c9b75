package org.healthkb.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.healthkb.index.DocValueKeys;
import org.healthkb.index.Documents;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.content.Passage;
import org.healthkb.search.Timings.Stage;
import org.healthkb.semantic.Embedder;

import java.io.IOException;
import java.time.Duration;
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
    /**
     * Matches counted exactly up to here, and beyond it only as "at least": counting every match of
     * a common word would score every passage that has it, while a bound lets Lucene skip the
     * passages that cannot reach the top. Readers page no deeper than this anyway.
     */
    private static final int EXACT_TOTAL_UP_TO = MAX_DEPTH;

    /**
     * The time a search may spend collecting BM25 candidates: three hundred times what it takes at
     * 40,000 passages, so only a hostile question or an overloaded machine reaches it.
     */
    public static final Duration TIME_BUDGET = Duration.ofMillis(300);
    /** Question embeddings kept by default: about 25 MB at most. */
    public static final int QUESTION_CACHE_ENTRIES = 10_000;
    /** Memory allowed per cached question embedding: a 384-float vector and a question of ordinary length. */
    private static final long QUESTION_CACHE_BYTES_PER_ENTRY = 2_560;

    private final KnowledgeIndex index;
    private final Ranking ranking;
    private final Ranking keywordRanking;
    private final SpellingCorrector corrector;
    private final SuggestionCache suggestions;
    private final QuestionEmbeddings questionEmbeddings;
    private final Embedder embedder;
    private final Duration timeBudget;

    /** Searches {@code index}, embedding questions with {@code embedder}, the model of the index's vectors. */
    public SearchService(KnowledgeIndex index, Embedder embedder, Ranking ranking) {
        this(index, embedder, ranking, QUESTION_CACHE_ENTRIES, TIME_BUDGET);
    }

    /**
     * @param questionCacheEntries how many question embeddings to keep (0 keeps none)
     * @param timeBudget           the wall time a search may take before it answers with what it has, flagged partial
     */
    public SearchService(KnowledgeIndex index, Embedder embedder, Ranking ranking, int questionCacheEntries,
                         Duration timeBudget) {
        if (!embedder.model().equals(index.embeddingModel())) {
            throw new IllegalArgumentException("questions embedded by " + embedder.model() + " cannot be compared with"
                    + " passage vectors from " + index.embeddingModel());
        }
        this.index = index;
        this.embedder = embedder;
        this.timeBudget = timeBudget;
        this.ranking = ranking;
        this.keywordRanking = ranking.withoutMeaning();
        this.corrector = new SpellingCorrector(ranking);
        this.suggestions = new SuggestionCache(index);
        this.questionEmbeddings = new QuestionEmbeddings(embedder, questionCacheEntries,
                questionCacheEntries * QUESTION_CACHE_BYTES_PER_ENTRY);
    }

    /** One page of passages answering {@code question}, in the index's default mode. */
    public SearchResults search(String question, int limit, int offset) {
        return search(question, limit, offset, null);
    }

    /**
     * One page of passages answering {@code question}; falls back to the corrected question when nothing matches.
     *
     * @param mode how to rank, or null for the default of the served index ({@link #defaultMode})
     * @throws SearchModeUnavailableException when hybrid is asked of an index without vectors for this model
     */
    public SearchResults search(String question, int limit, int offset, SearchMode mode) {
        long start = System.nanoTime();
        Timings.Clock clock = new Timings.Clock();
        QuestionBudget.Cut cut = QuestionBudget.cut(UserQuery.parse(question));
        UserQuery query = cut.query();
        return index.read(snapshot -> {
            Scope scope = scope(snapshot, mode, clock);
            UserQuery correctedQuery = corrected(query, snapshot.getIndexReader());
            boolean misspelt = correctedQuery != query;
            clock.lap(Stage.PARSE);
            Page page = page(scope, query, correctedQuery.plainText(), limit, offset);
            boolean corrected = false;
            if (page.total() == 0 && misspelt) {
                page = page(scope, correctedQuery, correctedQuery.plainText(), limit, offset);
                corrected = page.total() > 0;
            }
            String didYouMean = misspelt ? withPhrases(correctedQuery.words(), query) : null;
            List<String> missing = new QueryFactory(ranking, snapshot).missingWords((corrected ? correctedQuery : query).words());
            clock.lap(Stage.MISSING);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            return new SearchResults(question, scope.mode(), page.total(), page.totalExact(), tookMs, page.hits(),
                    didYouMean, corrected, missing, cut.truncated() ? withPhrases(query.words(), query) : null,
                    scope.budget().cut(), clock.timings());
        });
    }

    /**
     * Ids of the top {@code depth} passages for {@code question}, best first, in exactly the order a
     * reader would page through them in the index's default mode, without snippets: for evaluation.
     */
    public List<String> rankedIds(String question, int depth) {
        return index.read(snapshot -> {
            Scope scope = scope(snapshot, null, new Timings.Clock());
            StoredFields stored = snapshot.getIndexReader().storedFields();
            List<String> ids = new ArrayList<>();
            UserQuery query = QuestionBudget.cut(UserQuery.parse(question)).query();
            String meaning = corrected(query, snapshot.getIndexReader()).plainText();
            for (ScoreDoc doc : ordered(scope, query, meaning, depth).docs()) {
                ids.add(stored.document(doc.doc, Set.of(Fields.ID)).get(Fields.ID));
            }
            return ids;
        });
    }

    /** The served commit's version: it changes with every commit, so answers cached under it are never stale. */
    public long indexVersion() {
        return index.read(IndexSnapshot::version);
    }

    /** Hybrid where the served index has passage vectors from this embedding model (and the ranking uses them), else keyword. */
    public SearchMode defaultMode() {
        return index.read(this::defaultMode);
    }

    /** How the cache of question embeddings serves: for the admin status. */
    public QuestionCacheFigures questionCache() {
        return questionEmbeddings.figures();
    }

    /** Completions for a prefix; right after a commit they may come from the previous one for a few seconds. */
    public List<String> suggest(String prefix, int limit) {
        return suggestions.lookup(prefix, limit);
    }

    /**
     * Starts, in the background, what the first readers would otherwise wait for: completions for the
     * latest commit, and (where questions are embedded) loading the embedding model.
     */
    public void prepare() {
        suggestions.refresh();
        if (defaultMode() == SearchMode.HYBRID) {
            Thread loading = new Thread(() -> embedder.question("warm up"), "embedding-model-load");
            loading.setDaemon(true);
            loading.start();
        }
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

    /** What the served commit holds, counted when it was opened: cheap enough for every health probe. */
    public IndexStats stats() {
        return index.read(snapshot -> {
            IndexSnapshot.Contents contents = snapshot.contents();
            return new IndexStats(contents.guides(), contents.passages(), contents.providers(),
                    snapshot.commit().committedAt(), defaultMode(snapshot));
        });
    }

    private record Page(long total, boolean totalExact, List<Hit> hits) {
    }

    /**
     * The ranked passages, the query that marks their matches in snippets, and how many match:
     * exactly, or at least {@code total} when not {@code totalExact}.
     */
    private record Ranked(Query query, long total, boolean totalExact, List<ScoreDoc> docs) {
    }

    /** One search: the snapshot it reads, the ranking its mode calls for, its clock and its time budget. */
    private record Scope(IndexSnapshot snapshot, SearchMode mode, Ranking ranking, Timings.Clock clock, TimeBudget budget) {
    }

    private Scope scope(IndexSnapshot snapshot, SearchMode asked, Timings.Clock clock) {
        SearchMode mode = asked == null ? defaultMode(snapshot) : asked;
        if (mode == SearchMode.HYBRID && defaultMode(snapshot) != SearchMode.HYBRID) {
            throw new SearchModeUnavailableException(ranking.semantic()
                    ? "hybrid ranking needs passage vectors from " + embedder.model() + ", and this index has "
                    + (snapshot.commit().embeddingModel().isEmpty() ? "none (it was built with --no-vectors)"
                    : "vectors from " + snapshot.commit().embeddingModel()) + "; use keyword"
                    : "hybrid ranking is turned off in these ranking settings (semanticWeight 0); use keyword");
        }
        return new Scope(snapshot, mode, mode == SearchMode.HYBRID ? ranking : keywordRanking, clock,
                new TimeBudget(timeBudget));
    }

    private SearchMode defaultMode(IndexSnapshot snapshot) {
        boolean vectors = snapshot.commit().embeddingModel().equals(embedder.model());
        return ranking.semantic() && vectors ? SearchMode.HYBRID : SearchMode.KEYWORD;
    }

    /**
     * @param meaning the question as the embedding model reads it: with misspelt words corrected, because
     *                the model knows a word only as it is spelt ("depresion" is not "depression" to it),
     *                while BM25 reads {@code query} as typed, with typo tolerance of its own
     */
    private Page page(Scope scope, UserQuery query, String meaning, int limit, int offset) throws IOException {
        Ranked ranked = ordered(scope, query, meaning, Math.min(MAX_DEPTH, offset + limit));
        List<ScoreDoc> docs = ranked.docs();
        List<ScoreDoc> page = docs.subList(Math.min(offset, docs.size()), Math.min(offset + limit, docs.size()));
        return new Page(ranked.total(), ranked.totalExact(), hits(scope, ranked.query(), page));
    }

    /**
     * The top {@code depth} passages in reading order: by score and id, then diversified. Diversity
     * always works on the same pool of top candidates, however deep the request, so the first page
     * is the same whether a reader asks for five hits or fifty.
     */
    private Ranked ordered(Scope scope, UserQuery query, String meaning, int depth) throws IOException {
        Ranking ranking = scope.ranking();
        int pool = ranking.diversityWindow() == 0 ? 0 : Diversity.POOL;
        Ranked ranked = ranked(scope, query, meaning, Math.max(depth, pool));
        List<ScoreDoc> docs = ranked.docs();
        if (pool > 0) {
            // Diversity reads the sections of the first hits only, until its window is full.
            DocValueKeys sections = new DocValueKeys(scope.snapshot(), Fields.SECTION_KEY);
            List<ScoreDoc> diversified = new ArrayList<>(Diversity.reorder(docs.subList(0, Math.min(pool, docs.size())),
                    doc -> sections.of(doc.doc), ranking.maxPerSection(), ranking.diversityWindow()));
            diversified.addAll(docs.subList(Math.min(pool, docs.size()), docs.size()));
            docs = diversified;
        }
        scope.clock().lap(Stage.DIVERSITY);
        return new Ranked(ranked.query(), ranked.total(), ranked.totalExact(), docs.subList(0, Math.min(depth, docs.size())));
    }

    /** BM25's top {@code depth}, blended with the passages nearest in meaning in hybrid mode. */
    private Ranked ranked(Scope scope, UserQuery query, String meaning, int depth) throws IOException {
        IndexSnapshot snapshot = scope.snapshot();
        Ranking ranking = scope.ranking();
        QueryFactory.PassageQuery queries = new QueryFactory(ranking, snapshot).passages(query);
        if (queries == null) {
            return new Ranked(null, 0, true, List.of());
        }
        int candidates = ranking.semantic() ? Math.max(depth, ranking.semanticCandidates()) : depth;
        // Rewritten once (typo expansions are a walk of the term dictionary), for the search and for the blend's count.
        Query rewritten = snapshot.rewrite(queries.ranking());
        TopDocs top = scope.budget().within(snapshot, searcher -> TopByScore.search(searcher, rewritten, candidates,
                EXACT_TOTAL_UP_TO));
        boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        List<ScoreDoc> docs = Arrays.asList(top.scoreDocs);
        scope.clock().lap(Stage.BM25);
        if (!ranking.semantic()) {
            return new Ranked(queries.highlighting(), top.totalHits.value(), exact, docs);
        }
        float[] question = questionEmbeddings.of(meaning);
        scope.clock().lap(Stage.EMBEDDING);
        HybridRanking.Question asked = new HybridRanking.Question(question, query.phrases().isEmpty(),
                ProviderAnswers.asked(meaning));
        HybridRanking.Result blended = new HybridRanking(snapshot, ranking).blend(docs, rewritten, top.totalHits.value(),
                exact, asked, scope.clock());
        return new Ranked(queries.highlighting(), blended.total(), exact, blended.docs());
    }

    /** The query with misspelt words corrected (only words neither the index nor English has), or itself when none is. */
    private UserQuery corrected(UserQuery query, IndexReader reader) {
        String words = query.words().isBlank() ? null : corrector.correct(query.words(), reader);
        return words == null ? query : query.withWords(words);
    }

    private List<Hit> hits(Scope scope, Query highlighting, List<ScoreDoc> page) throws IOException {
        if (page.isEmpty()) {
            return List.of();
        }
        StoredFields stored = scope.snapshot().getIndexReader().storedFields();
        List<Passage> passages = new ArrayList<>(page.size());
        for (ScoreDoc doc : page) {
            passages.add(Documents.toPassage(stored.document(doc.doc)));
        }
        scope.clock().lap(Stage.STORED);
        String[] snippets = Snippets.of(scope.snapshot(), highlighting, page.stream().mapToInt(d -> d.doc).toArray(),
                passages.stream().map(Passage::text).toArray(String[]::new));
        scope.clock().lap(Stage.SNIPPETS);
        List<Hit> hits = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            Passage p = passages.get(i);
            hits.add(new Hit(p.id(), p.guideSlug(), p.guideTitle(), p.headingPath(),
                    "/guides/" + p.guideSlug() + "#" + p.anchor(), snippets[i], p.text(), page.get(i).score));
        }
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
}
