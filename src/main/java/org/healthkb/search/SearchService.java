package org.healthkb.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.content.Passage;
import org.healthkb.search.Timings.Stage;
import org.healthkb.semantic.Embedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private final SearchEngine engine;
    private final SuggestionCache suggestions;
    private final Ranking ranking;
    private final Ranking keywordRanking;
    private final SpellingCorrector corrector;
    private final QuestionEmbeddings questionEmbeddings;
    private final Embedder embedder;
    private final Duration timeBudget;

    /** Searches {@code index}, embedding questions with {@code embedder}, the model of the index's vectors. */
    public SearchService(KnowledgeIndex index, Embedder embedder, Ranking ranking) {
        this(new EmbeddedEngine(index), embedder, ranking, QUESTION_CACHE_ENTRIES, TIME_BUDGET);
    }

    /**
     * @param questionCacheEntries how many question embeddings to keep (0 keeps none)
     * @param timeBudget           the wall time a search may take before it answers with what it has, flagged partial
     */
    public SearchService(SearchEngine engine, Embedder embedder, Ranking ranking, int questionCacheEntries,
                         Duration timeBudget) {
        if (!embedder.model().equals(engine.embeddingModel())) {
            throw new IllegalArgumentException("questions embedded by " + embedder.model() + " cannot be compared with"
                    + " passage vectors from " + engine.embeddingModel());
        }
        this.engine = engine;
        this.suggestions = new SuggestionCache(engine);
        this.embedder = embedder;
        this.timeBudget = timeBudget;
        this.ranking = ranking;
        this.keywordRanking = ranking.withoutMeaning();
        this.corrector = new SpellingCorrector(ranking);
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
        return engine.read(view -> {
            Scope scope = scope(view, mode, clock);
            expectTerms(view, scope.ranking(), query);
            UserQuery correctedQuery = corrected(query, view);
            boolean misspelt = correctedQuery != query;
            clock.lap(Stage.PARSE);
            Page page = page(scope, query, correctedQuery.plainText(), limit, offset);
            boolean corrected = false;
            if (page.total() == 0 && misspelt) {
                page = page(scope, correctedQuery, correctedQuery.plainText(), limit, offset);
                corrected = page.total() > 0;
            }
            String didYouMean = misspelt ? withPhrases(correctedQuery.words(), query) : null;
            List<String> missing = new QueryFactory(ranking, view).missingWords((corrected ? correctedQuery : query).words());
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
        return engine.read(view -> {
            Scope scope = scope(view, null, new Timings.Clock());
            List<String> ids = new ArrayList<>();
            UserQuery query = QuestionBudget.cut(UserQuery.parse(question)).query();
            expectTerms(view, scope.ranking(), query);
            String meaning = corrected(query, view).plainText();
            for (ScoreDoc doc : ordered(scope, query, meaning, depth).docs()) {
                ids.add(view.id(doc.doc));
            }
            return ids;
        });
    }

    /** The served commit's version: it changes with every commit, so answers cached under it are never stale. */
    public long indexVersion() {
        return engine.read(SearchView::version);
    }

    /** Hybrid where the served index has passage vectors from this embedding model (and the ranking uses them), else keyword. */
    public SearchMode defaultMode() {
        return engine.read(this::defaultMode);
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
        return engine.read(view -> view.guide(slug));
    }

    /** Every served guide, by title. */
    public List<GuideSummary> guides() {
        return engine.read(SearchView::guides);
    }

    /** What the served commit holds, counted when it was opened: cheap enough for every health probe. */
    public IndexStats stats() {
        return engine.read(view -> new IndexStats(view.contents().guides(), view.contents().passages(),
                view.contents().providers(), view.commit().committedAt(), defaultMode(view)));
    }

    private record Page(long total, boolean totalExact, List<Hit> hits) {
    }

    /**
     * The ranked passages, the query that marks their matches in snippets, and how many match:
     * exactly, or at least {@code total} when not {@code totalExact}.
     */
    private record Ranked(Query query, long total, boolean totalExact, List<ScoreDoc> docs) {
    }

    /** One search: the view it reads, the ranking its mode calls for, its clock and its time budget. */
    private record Scope(SearchView view, SearchMode mode, Ranking ranking, Timings.Clock clock, TimeBudget budget) {
    }

    private Scope scope(SearchView view, SearchMode asked, Timings.Clock clock) {
        SearchMode mode = asked == null ? defaultMode(view) : asked;
        if (mode == SearchMode.HYBRID && defaultMode(view) != SearchMode.HYBRID) {
            throw new SearchModeUnavailableException(ranking.semantic()
                    ? "hybrid ranking needs passage vectors from " + embedder.model() + ", and this index has "
                    + (view.commit().embeddingModel().isEmpty() ? "none (it was built with --no-vectors)"
                    : "vectors from " + view.commit().embeddingModel()) + "; use keyword"
                    : "hybrid ranking is turned off in these ranking settings (semanticWeight 0); use keyword");
        }
        return new Scope(view, mode, mode == SearchMode.HYBRID ? ranking : keywordRanking, clock,
                new TimeBudget(timeBudget));
    }

    private SearchMode defaultMode(SearchView view) {
        boolean vectors = view.commit().embeddingModel().equals(embedder.model());
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
            SearchView view = scope.view();
            List<ScoreDoc> diversified = new ArrayList<>(Diversity.reorder(docs.subList(0, Math.min(pool, docs.size())),
                    doc -> sectionKey(view, doc.doc), ranking.maxPerSection(), ranking.diversityWindow()));
            diversified.addAll(docs.subList(Math.min(pool, docs.size()), docs.size()));
            docs = diversified;
        }
        scope.clock().lap(Stage.DIVERSITY);
        return new Ranked(ranked.query(), ranked.total(), ranked.totalExact(), docs.subList(0, Math.min(depth, docs.size())));
    }

    private static String sectionKey(SearchView view, int doc) {
        try {
            return view.sectionKey(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BM25's top {@code depth}, blended with the passages nearest in meaning in hybrid mode. */
    private Ranked ranked(Scope scope, UserQuery query, String meaning, int depth) throws IOException {
        SearchView view = scope.view();
        Ranking ranking = scope.ranking();
        QueryFactory.PassageQuery queries = new QueryFactory(ranking, view).passages(query);
        if (queries == null) {
            return new Ranked(null, 0, true, List.of());
        }
        int candidates = ranking.semantic() ? Math.max(depth, ranking.semanticCandidates()) : depth;
        SearchView.Top top = view.top(queries.ranking(), candidates, EXACT_TOTAL_UP_TO, scope.budget());
        boolean exact = top.exact();
        List<ScoreDoc> docs = top.docs();
        scope.clock().lap(Stage.BM25);
        if (!ranking.semantic()) {
            return new Ranked(queries.highlighting(), top.total(), exact, docs);
        }
        float[] question = questionEmbeddings.of(meaning);
        scope.clock().lap(Stage.EMBEDDING);
        HybridRanking.Question asked = new HybridRanking.Question(question, query.phrases().isEmpty(),
                ProviderAnswers.asked(meaning));
        HybridRanking.Result blended = new HybridRanking(view, ranking).blend(docs, queries.ranking(), top.total(),
                exact, asked, scope.clock());
        return new Ranked(queries.highlighting(), blended.total(), exact, blended.docs());
    }

    /** Tells the view every term spelling correction and the query will ask it about. */
    private static void expectTerms(SearchView view, Ranking ranking, UserQuery query) throws IOException {
        view.expect(() -> {
            List<Term> terms = new ArrayList<>(new QueryFactory(ranking, view).termsAskedFor(query));
            terms.addAll(SpellingCorrector.termsAskedFor(query.words()));
            return terms;
        });
    }

    /** The query with misspelt words corrected (only words neither the index nor English has), or itself when none is. */
    private UserQuery corrected(UserQuery query, SearchView view) {
        String words = query.words().isBlank() ? null : corrector.correct(query.words(), view);
        return words == null ? query : query.withWords(words);
    }

    private List<Hit> hits(Scope scope, Query highlighting, List<ScoreDoc> page) throws IOException {
        if (page.isEmpty()) {
            return List.of();
        }
        List<Passage> passages = scope.view().passages(page);
        scope.clock().lap(Stage.STORED);
        String[] snippets = scope.view().snippets(highlighting, page, passages.stream().map(Passage::text).toArray(String[]::new));
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
}
