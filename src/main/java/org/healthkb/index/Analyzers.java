package org.healthkb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The analysis chains. Indexed text goes through Lucene's {@link EnglishAnalyzer} (possessives,
 * lower case, stop words, Porter stemming: dose/doses/dosing meet, "treatment-resistant" splits
 * into the same two terms as "treatment resistant"). Readers' questions go through the same steps
 * plus two that only make sense at query time: question words are dropped, and the corpus synonyms
 * are expanded, so editing synonyms never requires re-analysing passages.
 */
public final class Analyzers {
    /**
     * Words readers put in questions that the Snowball stop list lacks: more question words, "vs" between
     * the things compared, and the contractions Snowball lists as "doesn't" typed without the apostrophe.
     * "lets", "ill", "id", "well" and the like stay: they are words in their own right.
     */
    private static final List<String> READERS_FILLER = List.of("can", "whose", "much", "many", "tell", "anyone",
            "someone", "ok", "okay", "please", "s", "t", "else", "now", "vs", "versus",
            "im", "ive", "youre", "theyre", "thats", "whats", "isnt", "arent", "wasnt", "werent", "hasnt", "havent",
            "hadnt", "doesnt", "dont", "didnt", "wont", "wouldnt", "shouldnt", "cant", "couldnt", "mustnt");

    /**
     * Words that carry no meaning in a question ("how much does kalm cost", "do I need more because
     * ..."): the Snowball project's English stop list as Lucene ships it (pronouns, auxiliaries,
     * conjunctions, prepositions), plus words readers add to questions that it lacks. A hand-made list
     * of question words alone let "because", found in one passage of a guide, outweigh every content
     * word of a question. Dropped from queries only; the index keeps the standard English stop set,
     * so quoted phrases still line up.
     */
    public static final CharArraySet QUESTION_WORDS = questionWords();

    private static final CharArraySet QUERY_STOP_WORDS = queryStopWords();
    private static final SynonymMap EMPTY_SYNONYMS = new SynonymMap(null, null, 0);

    private Analyzers() {
    }

    /** The analyzer used for indexing: English everywhere except the unstemmed vocabulary field. */
    public static Analyzer index() {
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(Fields.SPELL, vocabulary()));
    }

    /** Lower-cased words without stemming: what readers type, for spelling suggestions. */
    public static Analyzer vocabulary() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(new EnglishPossessiveFilter(source)));
            }
        };
    }

    /**
     * Questions: English analysis, with synonyms when the map is not empty, and without question
     * words when {@code dropQuestionWords} is set.
     */
    public static Analyzer query(SynonymMap synonyms, boolean dropQuestionWords) {
        CharArraySet stopWords = dropQuestionWords ? QUERY_STOP_WORDS : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(source));
                stream = new StopFilter(stream, stopWords);
                if (synonyms != null && synonyms.fst != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                return new TokenStreamComponents(source, new PorterStemFilter(stream));
            }
        };
    }

    /**
     * Parses Solr-format synonyms. Rules are analysed like questions up to the synonym step, so a
     * rule matches exactly what a question produces there.
     *
     * @throws IllegalArgumentException naming the line of an invalid rule
     */
    public static SynonymMap synonyms(String rules) {
        if (rules == null || rules.isBlank()) {
            return EMPTY_SYNONYMS;
        }
        Analyzer ruleAnalyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(source));
                return new TokenStreamComponents(source, new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET));
            }
        };
        try (ruleAnalyzer) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, ruleAnalyzer);
            parser.parse(new StringReader(rules));
            return parser.build();
        } catch (ParseException e) {
            throw new IllegalArgumentException("line " + e.getErrorOffset() + ": " + rootMessage(e), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static CharArraySet questionWords() {
        String file = "english_stop.txt";
        try (Reader reader = new InputStreamReader(IOUtils.requireResourceNonNull(
                SnowballFilter.class.getResourceAsStream(file), file), StandardCharsets.UTF_8)) {
            CharArraySet words = WordlistLoader.getSnowballWordSet(reader, new CharArraySet(200, false));
            words.addAll(READERS_FILLER);
            return CharArraySet.unmodifiableSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene's analysis jar lacks " + file, e);
        }
    }

    private static CharArraySet queryStopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        set.addAll(QUESTION_WORDS);
        return CharArraySet.unmodifiableSet(set);
    }
}
