package org.healthkb.search;

import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The answer a question expects when it asks which provider to choose ("which ketamine company should
 * I go with", "best provider for TRD", "recommended ketamine provider"): a passage that names one. The
 * embedding model reads such a question as one about ketamine in general and puts the guide's general
 * passages first, and BM25 cannot tell them apart, since every word of the question is common in the
 * guide; what the reader wants is a provider, and the knowledge base knows which names are providers.
 * Question answering calls this the expected answer type.
 */
final class ProviderAnswers {
    private static final Pattern CHOOSING = Pattern.compile("(?i)\\b(which|best|top|recommend\\w*)\\b");
    private static final Pattern PROVIDER = Pattern.compile("(?i)\\b(providers?|compan(y|ies)|services?|clinics?)\\b");
    private static final Set<String> MENTIONS = Set.of(Fields.TEXT, Fields.HEADING_PATH);

    private final StoredFields stored;
    /** Any provider's name as a whole word, as written (so the word "peak" is not the provider Peak); null when there are none. */
    private final Pattern names;

    private ProviderAnswers(StoredFields stored, Pattern names) {
        this.stored = stored;
        this.names = names;
    }

    /** True when the question asks which provider to choose: a word that picks one and a word for a provider. */
    static boolean asked(String question) {
        return CHOOSING.matcher(question).find() && PROVIDER.matcher(question).find();
    }

    /** The providers of this snapshot, to find in passages. */
    static ProviderAnswers of(IndexSnapshot snapshot) {
        try {
            StoredFields stored = snapshot.getIndexReader().storedFields();
            List<String> names = new ArrayList<>();
            TermQuery providers = new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PROVIDER));
            for (ScoreDoc provider : snapshot.search(providers, Math.max(1, snapshot.count(providers))).scoreDocs) {
                names.add(stored.document(provider.doc, Set.of(Fields.NAME)).get(Fields.NAME));
            }
            return new ProviderAnswers(stored, names.isEmpty() ? null : Pattern.compile(
                    names.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?<!\\w)(", ")(?!\\w)"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the passage's text or headings name a provider. */
    boolean named(int doc) {
        if (names == null) {
            return false;
        }
        try {
            var passage = stored.document(doc, MENTIONS);
            return names.matcher(passage.get(Fields.TEXT)).find()
                    || names.matcher(String.join("\n", passage.getValues(Fields.HEADING_PATH))).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
