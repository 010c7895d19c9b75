package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.VectorUtil;
import org.healthkb.content.Passage;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.DocValueKeys;
import org.healthkb.index.Documents;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.index.LeafWalk;
import org.healthkb.index.StoredVectors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/** The embedded index's view: one {@link IndexSnapshot}, for one request. */
final class SnapshotView implements SearchView {
    /** Spell checkers allowing one and two edits; thread-safe once configured. */
    private static final DirectSpellChecker ONE_EDIT = checker(1);
    private static final DirectSpellChecker TWO_EDITS = checker(2);
    private static final Set<String> MENTIONS = Set.of(Fields.TEXT, Fields.HEADING_PATH);

    private final IndexSnapshot snapshot;
    /** The last query {@link #top} rewrote, and its rewritten form, for {@link #matching} (typo expansions walk the terms). */
    private Query original;
    private Query rewritten;
    private DocValueKeys sections;

    SnapshotView(IndexSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    private static DirectSpellChecker checker(int maxEdits) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(maxEdits);
        return checker;
    }

    @Override
    public CommitRecord commit() {
        return snapshot.commit();
    }

    @Override
    public IndexSnapshot.Contents contents() {
        return snapshot.contents();
    }

    @Override
    public long version() {
        return snapshot.version();
    }

    @Override
    public Analyzer queryAnalyzer(boolean dropQuestionWords) {
        return snapshot.queryAnalyzer(dropQuestionWords);
    }

    @Override
    public boolean hasTerm(Term term) throws IOException {
        return snapshot.getIndexReader().docFreq(term) > 0;
    }

    @Override
    public boolean matchesAny(Query query) throws IOException {
        return snapshot.count(query) > 0;
    }

    @Override
    public String closestWord(Term term, int maxEdits) throws IOException {
        SuggestWord[] words = (maxEdits == 1 ? ONE_EDIT : TWO_EDITS)
                .suggestSimilar(term, 1, snapshot.getIndexReader(), SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return words.length == 0 ? null : words[0].string;
    }

    @Override
    public Top top(Query query, int n, int exactTotalUpTo, TimeBudget budget) throws IOException {
        Query ready = rewritten(query);
        TopDocs top = budget.within(snapshot, searcher -> TopByScore.search(searcher, ready, n, exactTotalUpTo));
        return new Top(Arrays.asList(top.scoreDocs), top.totalHits.value(),
                top.totalHits.relation() == TotalHits.Relation.EQUAL_TO);
    }

    private Query rewritten(Query query) throws IOException {
        if (query != original) {
            original = query;
            rewritten = snapshot.rewrite(query);
        }
        return rewritten;
    }

    @Override
    public Map<Integer, Float> nearest(float[] question, int k) throws IOException {
        Map<Integer, Float> cosines = new HashMap<>();
        for (ScoreDoc d : snapshot.search(new KnnFloatVectorQuery(Fields.VECTOR, question, k), k).scoreDocs) {
            // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
            cosines.put(d.doc, 2 * d.score - 1);
        }
        return cosines;
    }

    @Override
    public Map<Integer, Float> cosines(List<Integer> docs, float[] question) throws IOException {
        Map<Integer, Float> cosines = new HashMap<>();
        StoredVectors.of(snapshot, docs).forEach((doc, vector) -> cosines.put(doc, VectorUtil.dotProduct(question, vector)));
        return cosines;
    }

    /** Advances the query's matches to each document, far cheaper than counting them all again. */
    @Override
    public long matching(Query query, List<Integer> docs) throws IOException {
        Weight weight = snapshot.createWeight(rewritten(query), ScoreMode.COMPLETE_NO_SCORES, 1);
        long[] matching = {0};
        LeafWalk.found(snapshot, docs, leaf -> {
            Scorer scorer = weight.scorer(leaf);
            return scorer == null ? null : scorer.iterator();
        }, (doc, matches) -> matching[0]++);
        return matching[0];
    }

    @Override
    public void sortByScoreThenId(List<ScoreDoc> docs) throws IOException {
        DocValueKeys.sortByScoreThenValue(snapshot, Fields.ID, docs);
    }

    @Override
    public String sectionKey(int doc) {
        if (sections == null) {
            sections = new DocValueKeys(snapshot, Fields.SECTION_KEY);
        }
        return sections.of(doc);
    }

    @Override
    public IntPredicate namesAProvider() throws IOException {
        StoredFields stored = snapshot.getIndexReader().storedFields();
        List<String> names = new ArrayList<>();
        TermQuery providers = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PROVIDER));
        for (ScoreDoc provider : snapshot.search(providers, Math.max(1, snapshot.count(providers))).scoreDocs) {
            names.add(stored.document(provider.doc, Set.of(Fields.NAME)).get(Fields.NAME));
        }
        ProviderAnswers answers = ProviderAnswers.of(names);
        return doc -> {
            try {
                Document passage = stored.document(doc, MENTIONS);
                return answers.named(passage.get(Fields.TEXT), Arrays.asList(passage.getValues(Fields.HEADING_PATH)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Override
    public List<Passage> passages(List<ScoreDoc> docs) throws IOException {
        StoredFields stored = snapshot.getIndexReader().storedFields();
        List<Passage> passages = new ArrayList<>(docs.size());
        for (ScoreDoc doc : docs) {
            passages.add(Documents.toPassage(stored.document(doc.doc)));
        }
        return passages;
    }

    @Override
    public String[] snippets(Query query, List<ScoreDoc> docs, String[] texts) throws IOException {
        return Snippets.of(snapshot, query, docs.stream().mapToInt(d -> d.doc).toArray(), texts);
    }

    @Override
    public String id(int doc) throws IOException {
        return snapshot.getIndexReader().storedFields().document(doc, Set.of(Fields.ID)).get(Fields.ID);
    }

    @Override
    public Optional<GuidePage> guide(String slug) throws IOException {
        TopDocs top = snapshot.search(typed(Fields.TYPE_GUIDE, Fields.SLUG, slug), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        Document doc = snapshot.getIndexReader().storedFields().document(top.scoreDocs[0].doc);
        int passages = snapshot.count(typed(Fields.TYPE_PASSAGE, Fields.SLUG, slug));
        return Optional.of(new GuidePage(slug, doc.get(Fields.GUIDE_TITLE), doc.get(Fields.DESCRIPTION),
                doc.get(Fields.HTML), passages, Arrays.asList(doc.getValues(Fields.LINKS))));
    }

    @Override
    public List<GuideSummary> guides() throws IOException {
        StoredFields stored = snapshot.getIndexReader().storedFields();
        List<GuideSummary> guides = new ArrayList<>();
        TermQuery all = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_GUIDE));
        for (ScoreDoc hit : snapshot.search(all, Math.max(1, snapshot.getIndexReader().maxDoc())).scoreDocs) {
            Document doc = stored.document(hit.doc);
            guides.add(new GuideSummary(doc.get(Fields.SLUG), doc.get(Fields.GUIDE_TITLE), doc.get(Fields.DESCRIPTION)));
        }
        guides.sort(Comparator.comparing(GuideSummary::title, String.CASE_INSENSITIVE_ORDER));
        return guides;
    }

    private static Query typed(String type, String field, String value) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.TYPE, type)), Occur.FILTER)
                .add(new TermQuery(new Term(field, value)), Occur.FILTER)
                .build();
    }
}
