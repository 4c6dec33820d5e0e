package dev.xdai.retrieval.index;

import dev.xdai.retrieval.ChineseText;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;

/**
 * smartcn word segmentation (HMM) for BM25, after {@link ChineseText#fold} (full-width to half-width) so that "ＡＩ" and
 * "AI" index alike; lower case, smartcn's stop set (punctuation) and {@link ChineseText#FUNCTION_WORDS}, Porter
 * stemming for embedded English.
 */
public final class ChineseAnalyzer extends Analyzer {

  private static final NormalizeCharMap FOLD = foldMap();
  private static final CharArraySet STOP = stopSet();

  private static CharArraySet stopSet() {
    CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
    set.addAll(ChineseText.FUNCTION_WORDS);
    return CharArraySet.unmodifiableSet(set);
  }

  private static NormalizeCharMap foldMap() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    for (char c = '\uFF01'; c <= '\uFF5E'; c++) b.add(String.valueOf(c), String.valueOf(ChineseText.fold(c)));
    b.add("\u3000", " ");
    return b.build();
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new MappingCharFilter(FOLD, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new HMMChineseTokenizer();
    TokenStream stream = new LowerCaseFilter(tokenizer);
    stream = new StopFilter(stream, STOP);
    stream = new PorterStemFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
