package org.healthkb.bench;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.search.Ranking;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchResults;
import org.healthkb.search.SearchService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One question answered in-process, as {@code /api/search} answers it (first page of ten, with
 * snippets), on the index given by {@code -Dkb.index}: time per question (SampleTime gives the
 * median and the tail) and, with {@code -prof gc}, bytes allocated per question. Questions rotate
 * through bench/medquad-corpus.sh's list; the question embedding cache is off, so every hybrid
 * question is embedded as a distinct question would be.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class SearchBenchmark {
    @Param({"keyword", "hybrid"})
    public String mode;

    private KnowledgeBase kb;
    private SearchService search;
    private SearchMode searchMode;
    private List<String> questions;
    private int next;

    @Setup
    public void open() throws IOException {
        Path index = Questions.index();
        kb = KnowledgeBase.open(new Settings(index.resolveSibling("corpus"), index, Ranking.DEFAULT, null)
                .withResponseCacheBytes(0).withQuestionCacheEntries(0));
        search = kb.search();
        searchMode = SearchMode.fromLabel(mode).orElseThrow();
        questions = Questions.load();
    }

    @Benchmark
    public SearchResults question() {
        String question = questions.get(next);
        next = (next + 1) % questions.size();
        return search.search(question, 10, 0, searchMode);
    }

    @TearDown
    public void close() throws IOException {
        kb.close();
    }
}
