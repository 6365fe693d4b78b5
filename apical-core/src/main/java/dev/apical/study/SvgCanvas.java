package dev.apical.study;

import java.util.Locale;

/// A [BarChart.Canvas] that writes standalone SVG 1.1 text.
final class SvgCanvas implements BarChart.Canvas {
    private final StringBuilder s = new StringBuilder();

    SvgCanvas(int width, int height) {
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height, width, height));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, colour, width, dashed ? " stroke-dasharray=\"5,4\"" : ""));
    }

    @Override
    public void rect(double x, double y, double w, double h, String colour, double opacity) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\"/>%n",
                x, y, w, h, colour, opacity));
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, String stroke) {
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.8\"/>%n",
                cx, cy, r, fill, stroke));
    }

    @Override
    public void text(double x, double y, String text, double size, String anchor, boolean bold) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, size, anchor, bold ? " font-weight=\"bold\"" : "", escape(text)));
    }

    @Override
    public void verticalText(double x, double y, String text, double size) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n", x, y, size, x, y, escape(text)));
    }

    String finish() {
        return s.append("</svg>\n").toString();
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
