package org.healthkb.search;


import java.util.List;
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
public final class ProviderAnswers {
    private static final Pattern CHOOSING = Pattern.compile("(?i)\\b(which|best|top|recommend\\w*)\\b");
    private static final Pattern PROVIDER = Pattern.compile("(?i)\\b(providers?|compan(y|ies)|services?|clinics?)\\b");
    /** Any provider's name as a whole word, as written (so the word "peak" is not the provider Peak); null when there are none. */
    private final Pattern names;

    private ProviderAnswers(Pattern names) {
        this.names = names;
    }

    /** True when the question asks which provider to choose: a word that picks one and a word for a provider. */
    static boolean asked(String question) {
        return CHOOSING.matcher(question).find() && PROVIDER.matcher(question).find();
    }

    /** The served providers' names, to find in passages. */
    public static ProviderAnswers of(List<String> names) {
        return new ProviderAnswers(names.isEmpty() ? null : Pattern.compile(
                names.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?<!\\w)(", ")(?!\\w)"))));
    }

    /** True when a passage's text or headings name a provider. */
    public boolean named(String text, List<String> headings) {
        return names != null && (names.matcher(text).find() || names.matcher(String.join("\n", headings)).find());
    }
}
