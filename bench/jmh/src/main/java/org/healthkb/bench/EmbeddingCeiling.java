package org.healthkb.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.healthkb.semantic.OnnxEmbedder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What ONNX Runtime can do with the shipped model on this machine's passages, against what the
 * import does: passages per second for the product's path ({@link OnnxEmbedder#passages}) and for
 * bare sessions over batches of texts sorted by length (so a batch pads little), with one
 * single-threaded session per core or one session using every core. Rounds interleave.
 *   java -cp ... org.healthkb.bench.EmbeddingCeiling CORPUS.jsonl [PASSAGES] [ROUNDS]
 */
public final class EmbeddingCeiling {
    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private EmbeddingCeiling() {
    }

    public static void main(String[] args) throws Exception {
        List<String> texts = passages(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1024);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        byte[] model = resource(MODEL);
        byte[] tokenizerJson = resource(TOKENIZER);
        try (OnnxEmbedder product = OnnxEmbedder.bgeSmall()) {
            product.load();
            product.passages(texts.subList(0, 64)); // warm up
            for (int round = 1; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + ": product " + rate(texts, () -> product.passages(texts)));
                for (int batch : new int[] {1, 8, 32}) {
                    line.append("; ").append(CORES).append(" sessions x 1 thread, batch ").append(batch).append(' ')
                            .append(rate(texts, () -> bare(model, tokenizerJson, texts, batch, CORES, 1)));
                }
                line.append("; 1 session x ").append(CORES).append(" threads, batch 32 ")
                        .append(rate(texts, () -> bare(model, tokenizerJson, texts, 32, 1, CORES)));
                System.out.println(line);
            }
        }
    }

    /** The BEIR corpus's paragraphs, as an import embeds them: title line, then text. */
    private static List<String> passages(Path corpus, int count) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            if (texts.size() == count) {
                break;
            }
            var doc = json.readTree(line);
            texts.add(doc.get("title").asText() + "\n" + doc.get("text").asText());
        }
        return texts;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static String rate(List<String> texts, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return String.format("%.0f/s", texts.size() / ((System.nanoTime() - start) / 1e9));
    }

    /** Embeds every text with {@code sessions} sessions in parallel, each of {@code threads} threads, in length-sorted batches. */
    private static void bare(byte[] model, byte[] tokenizerJson, List<String> texts, int batch, int sessions, int threads)
            throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                Map.of("padding", "false", "truncation", "true", "maxLength", "512"))) {
            List<Encoding> encodings = new ArrayList<>();
            for (String text : texts) {
                encodings.add(tokenizer.encode(text));
            }
            encodings.sort(Comparator.comparingInt(e -> e.getIds().length));
            List<List<Encoding>> batches = new ArrayList<>();
            for (int i = 0; i < encodings.size(); i += batch) {
                batches.add(encodings.subList(i, Math.min(encodings.size(), i + batch)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(sessions);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < sessions; s++) {
                    int first = s;
                    done.add(pool.submit(() -> {
                        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                            options.setIntraOpNumThreads(threads);
                            options.setInterOpNumThreads(1);
                            options.addConfigEntry("session.intra_op.allow_spinning", "0");
                            try (OrtSession session = environment.createSession(model, options)) {
                                for (int b = first; b < batches.size(); b += sessions) {
                                    run(environment, session, batches.get(b));
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static void run(OrtEnvironment environment, OrtSession session, List<Encoding> batch) throws OrtException {
        int length = batch.getLast().getIds().length;
        long[] ids = new long[batch.size() * length];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int i = 0; i < batch.size(); i++) {
            long[] own = batch.get(i).getIds();
            System.arraycopy(own, 0, ids, i * length, own.length);
            java.util.Arrays.fill(mask, i * length, i * length + own.length, 1L);
        }
        long[] shape = {batch.size(), length};
        try (OnnxTensor a = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor b = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor c = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            result.get(0);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream stream = EmbeddingCeiling.class.getClassLoader().getResourceAsStream(name)) {
            return stream.readAllBytes();
        }
    }
}
