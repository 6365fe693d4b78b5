package dev.apical.study;

import dev.apical.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/// The bar chart of a seed study: one bar per config at the mean test accuracy, SEM error bars, every run as
/// a point (spread horizontally by a fixed pattern), a dashed line at chance level, and each config's Student's
/// t-test p-value against the first above its bar. Written as a standalone SVG and, through Java2D, as a PNG.
public final class BarChart {
    static final int HEIGHT = 420;
    private static final int LEFT = 70, TOP = 50, BOTTOM = 70, BAR = 90, GAP = 60;
    private static final String[] COLOURS = {"#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860"};

    private BarChart() {}

    /// Drawing operations the two renderers implement.
    interface Canvas {
        void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed);
        void rect(double x, double y, double w, double h, String colour, double opacity);
        void circle(double cx, double cy, double r, String fill, String stroke);
        /// anchor: "start", "middle" or "end"
        void text(double x, double y, String text, double size, String anchor, boolean bold);
        /// Text centred on (x, y), rotated to read bottom to top.
        void verticalText(double x, double y, String text, double size);
    }

    static int width(int bars) {
        return LEFT + 30 + bars * (BAR + GAP);
    }

    static void draw(StudyReport report, String title, Canvas c) {
        List<StudyReport.Row> rows = report.rows();
        int w = width(rows.size());
        double plotH = HEIGHT - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator y = v -> TOP + plotH * (1 - Math.max(0, Math.min(100, v)) / 100);
        c.rect(0, 0, w, HEIGHT, "#ffffff", 1);
        c.text(w / 2.0, 24, title, 15, "middle", true);
        for (int v = 0; v <= 100; v += 20) {
            c.line(LEFT - 5, y.applyAsDouble(v), w - 10, y.applyAsDouble(v), v == 0 ? "#000000" : "#dddddd", 1, false);
            c.text(LEFT - 9, y.applyAsDouble(v) + 4, Integer.toString(v), 11, "end", false);
        }
        c.line(LEFT, TOP, LEFT, TOP + plotH, "#000000", 1, false);
        c.verticalText(20, TOP + plotH / 2, "test accuracy (%)", 12);
        double chance = 100.0 / report.classes();
        c.line(LEFT, y.applyAsDouble(chance), w - 10, y.applyAsDouble(chance), "#888888", 1, true);
        c.text(w - 12, y.applyAsDouble(chance) - 4, "chance", 10, "end", false);
        for (int i = 0; i < rows.size(); i++) {
            StudyReport.Row r = rows.get(i);
            String colour = COLOURS[i % COLOURS.length];
            double x0 = LEFT + GAP / 2.0 + i * (BAR + GAP), cx = x0 + BAR / 2.0;
            double mean = r.summary().mean(), sem = r.summary().sem();
            if (Double.isFinite(mean)) c.rect(x0, y.applyAsDouble(mean), BAR, y.applyAsDouble(0) - y.applyAsDouble(mean), colour, 0.55);
            if (Double.isFinite(sem)) {
                c.line(cx, y.applyAsDouble(mean - sem), cx, y.applyAsDouble(mean + sem), "#000000", 1.5, false);
                c.line(cx - 10, y.applyAsDouble(mean - sem), cx + 10, y.applyAsDouble(mean - sem), "#000000", 1.5, false);
                c.line(cx - 10, y.applyAsDouble(mean + sem), cx + 10, y.applyAsDouble(mean + sem), "#000000", 1.5, false);
            }
            double[] acc = StudyReport.accuracies(report.runs(), r.config());
            for (int k = 0; k < acc.length; k++) {
                double jitter = ((k * 0.618034) % 1.0 - 0.5) * BAR * 0.6;
                c.circle(cx + jitter, y.applyAsDouble(acc[k]), 3, colour, "#222222");
            }
            String label = r.config();
            c.text(cx, HEIGHT - BOTTOM + 18, label.length() > 22 ? label.substring(0, 21) + "…" : label, 11, "middle", false);
            c.text(cx, HEIGHT - BOTTOM + 34, String.format(Locale.ROOT, "%.1f ± %.1f %%", mean, sem), 10, "middle", false);
            c.text(cx, HEIGHT - BOTTOM + 48, "n = " + r.summary().n() + (r.collapsed() > 0 ? ", " + r.collapsed() + " at chance" : ""),
                    10, "middle", false);
            if (i > 0) {
                double p = report.pValues().get(3 * (i - 1)).result().p();
                c.text(cx, TOP - 6, Double.isNaN(p) ? "p = n/a" : String.format(Locale.ROOT, p < 0.001 ? "p = %.1e" : "p = %.3f", p),
                        11, "middle", false);
            }
        }
    }

    /// Writes the SVG to `file`.
    public static void writeSvg(StudyReport report, String title, Path file) throws IOException {
        SvgCanvas svg = new SvgCanvas(width(report.rows().size()), HEIGHT);
        draw(report, title, svg);
        AtomicFiles.writeString(file, svg.finish());
    }

    /// Writes the PNG to `file` (2x resolution). Fails with an [IOException] that says why when Java2D cannot
    /// render text (no fonts installed, e.g. `apt-get install fonts-dejavu-core`).
    public static void writePng(StudyReport report, String title, Path file) throws IOException {
        PngCanvas.write(width(report.rows().size()), HEIGHT, 2, c -> draw(report, title, c), file);
    }
}
