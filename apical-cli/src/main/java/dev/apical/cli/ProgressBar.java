package dev.apical.cli;

import java.io.PrintWriter;
import java.util.Locale;

/// A terminal progress bar with rate, ETA and a status text. On a terminal it redraws one line; otherwise
/// it prints a line at every 10 %.
final class ProgressBar {
    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    ProgressBar(PrintWriter out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = System.console() != null && System.getenv("APICAL_NO_TTY") == null;
    }

    /// Reports `done` units finished; redraws at most every 100 ms.
    void update(long done, String status) {
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDraw < 100_000_000L && done < total) return;
            lastDraw = now;
            out.print("\r" + line(done, status, now) + "\u001b[K");
            out.flush();
        } else {
            int decile = (int) (10 * done / total);
            if (decile == lastDecile) return;
            lastDecile = decile;
            out.println(line(done, status, now));
        }
    }

    void finish(String status) {
        long now = System.nanoTime();
        if (interactive) out.println("\r" + line(total, status, now) + "\u001b[K");
        else if (lastDecile < 10) out.println(line(total, status, now));
    }

    private String line(long done, String status, long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        int width = 30;
        int filled = (int) (width * done / total);
        String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
        String eta = rate > 0 && done < total ? " ETA " + clock((total - done) / rate) : "";
        return String.format(Locale.ROOT, "%s [%s] %d/%d %3d%% %,.0f/s%s %s", label, bar, done, total, (int) (100 * done / total),
                rate, eta, status == null ? "" : status);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
