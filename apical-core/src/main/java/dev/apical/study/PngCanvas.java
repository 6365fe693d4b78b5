package dev.apical.study;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/// A [BarChart.Canvas] drawing into a [BufferedImage] with Java2D (headless), saved as PNG.
final class PngCanvas implements BarChart.Canvas {
    private final Graphics2D g;

    private PngCanvas(Graphics2D g) {
        this.g = g;
    }

    static void write(int width, int height, int scale, Consumer<BarChart.Canvas> drawing, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img;
        try {
            if (GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length == 0)
                throw new IOException("no fonts are installed for Java2D (install one, e.g. apt-get install fonts-dejavu-core)");
            img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.scale(scale, scale);
                drawing.accept(new PngCanvas(g));
            } finally {
                g.dispose();
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw new IOException("cannot render the PNG with Java2D (" + e + "); fonts or the AWT libraries may be missing "
                    + "(e.g. apt-get install fonts-dejavu-core)", e);
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer available in this JVM");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Color colour(String hex, double opacity) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, (int) Math.round(255 * opacity));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String c, double width, boolean dashed) {
        g.setColor(colour(c, 1));
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0)
                : new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void rect(double x, double y, double w, double h, String c, double opacity) {
        g.setColor(colour(c, opacity));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, String stroke) {
        Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(colour(fill, 1));
        g.fill(e);
        g.setColor(colour(stroke, 1));
        g.setStroke(new BasicStroke(0.8f));
        g.draw(e);
    }

    @Override
    public void text(double x, double y, String text, double size, String anchor, boolean bold) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text);
        double dx = anchor.equals("middle") ? -w / 2 : anchor.equals("end") ? -w : 0;
        g.drawString(text, (float) (x + dx), (float) y);
    }

    @Override
    public void verticalText(double x, double y, String text, double size) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        text(x, y, text, size, "middle", false);
        g.setTransform(saved);
    }
}
