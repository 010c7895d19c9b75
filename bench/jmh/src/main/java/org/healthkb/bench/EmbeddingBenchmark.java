package org.healthkb.bench;

import org.healthkb.semantic.OnnxEmbedder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one cost of hybrid ranking that does not depend on the index: embedding a question with the
 * shipped model (bge-small-en-v1.5, int8, one thread), on the same rotating questions as
 * {@link SearchBenchmark}. What hybrid costs beyond it is the search itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class EmbeddingBenchmark {
    private OnnxEmbedder embedder;
    private List<String> questions;
    private int next;

    @Setup
    public void load() {
        embedder = OnnxEmbedder.bgeSmall();
        embedder.load();
        questions = Questions.load();
    }

    @Benchmark
    public float[] question() {
        String question = questions.get(next);
        next = (next + 1) % questions.size();
        return embedder.question(question);
    }

    @TearDown
    public void close() {
        embedder.close();
    }
}
