package dev.xdai.evaluation.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws the results page's plots with JFreeChart, headless, as PNG files. */
final class Charts {

  static final int WIDTH = 900;
  static final int HEIGHT = 500;
  // Distinguishable on white and for common colour blindness (Okabe-Ito).
  private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0x56B4E9), new Color(0xD55E00)};

  private Charts() {}

  /** A named line of (x, y) points. */
  record Line(String name, List<double[]> points) {}

  /** Latency (ms, linear) against knowledge size (items, logarithmic). */
  static void retrievalLatency(Path png, List<Line> lines) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line line : lines) {
      XYSeries series = new XYSeries(line.name());
      line.points().forEach(p -> series.add(p[0], p[1]));
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Knowledge retrieval latency against knowledge size", "QA items",
        "latency per query (ms)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("QA items (log scale)");
    x.setBase(10);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    plot.setDomainAxis(x);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < lines.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    plot.setRenderer(renderer);
    style(chart);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  /**
   * Grouped bars: one group per run (category), one bar per figure (series). Horizontal, so that a run's whole label
   * (mode / ablation / data) is readable, and as tall as the runs need.
   */
  static void bars(Path png, String title, String valueAxis, DefaultCategoryDataset data) throws IOException {
    JFreeChart chart = ChartFactory.createBarChart(title, "", valueAxis, data, PlotOrientation.HORIZONTAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.5f);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int i = 0; i < PALETTE.length; i++) renderer.setSeriesPaint(i, PALETTE[i]);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    style(chart);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, Math.max(HEIGHT, 120 + 70 * data.getColumnCount()));
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
  }
}
