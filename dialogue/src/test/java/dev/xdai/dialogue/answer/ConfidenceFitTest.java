package dev.xdai.dialogue.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceFitTest {

  /** Labels that follow the question overlap (with noise): the fit weighs it up, the others near zero. */
  @Test
  void theFitWeighsTheInformativeFeatureAndItsThresholdSeparates() throws IOException {
    Random r = new Random(7);
    List<ConfidenceFit.Example> examples = new ArrayList<>();
    int n = AnswerFeatures.NAMES.size();
    int overlap = AnswerFeatures.NAMES.indexOf("questionOverlap");
    for (int i = 0; i < 2000; i++) {
      double[] x = new double[n];
      for (int j = 0; j < n; j++) x[j] = r.nextDouble();
      boolean answers = x[overlap] + 0.1 * r.nextGaussian() > 0.6;
      examples.add(new ConfidenceFit.Example(x, answers, i % 5 == 0));
    }
    AnswerConfidence fitted = ConfidenceFit.fit(examples);
    List<Double> w = fitted.weights();
    for (int j = 0; j < n; j++) {
      if (j != overlap) assertTrue(Math.abs(w.get(j)) < w.get(overlap) / 3, "weight " + AnswerFeatures.NAMES.get(j) + " " + w);
    }
    ConfidenceFit.Point at = ConfidenceFit.curve(fitted, examples, new double[] {fitted.threshold()}).get(0);
    assertTrue(at.f1() > 0.85, "f1 at the chosen threshold " + at);

    StringWriter file = new StringWriter();
    ConfidenceFit.write(fitted, List.of("test"), file);
    AnswerConfidence read = AnswerConfidence.read(new StringReader(file.toString()));
    assertEquals(fitted.threshold(), read.threshold(), 1e-4);
    assertEquals(fitted.of(examples.get(0).features()), read.of(examples.get(0).features()), 1e-3);
  }

  @Test
  void aCalibrationFileMissingAWeightIsRefusedByName() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> AnswerConfidence.read(new StringReader("bias=1\nthreshold=0.5\n")));
    assertTrue(e.getMessage().contains("weight.score"), e.getMessage());
  }
}
