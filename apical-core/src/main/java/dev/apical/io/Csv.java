package dev.apical.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/// Comma-separated tables with a header row (RFC 4180 quoting, `\n` line ends), e.g. metrics histories.
///
/// Cells: `null` and NaN are empty; doubles and floats are written with `Double.toString` / `Float.toString`
/// (so they read back exactly); other values with `toString()`. Text containing a comma, quote or line
/// break is quoted.
public final class Csv {
    private Csv() {}

    /// Atomically writes the table to `file`.
    public static void write(Path file, List<String> columns, List<? extends List<?>> rows) throws IOException {
        AtomicFiles.writeString(file, format(columns, rows));
    }

    /// The table as CSV text. Every row must have one cell per column.
    public static String format(List<String> columns, List<? extends List<?>> rows) {
        StringBuilder s = new StringBuilder();
        appendRow(s, columns);
        for (int i = 0; i < rows.size(); i++) {
            List<?> row = rows.get(i);
            if (row.size() != columns.size())
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " cells, but there are "
                        + columns.size() + " columns " + columns);
            appendRow(s, row);
        }
        return s.toString();
    }

    private static void appendRow(StringBuilder s, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) s.append(',');
            s.append(cell(cells.get(i)));
        }
        s.append('\n');
    }

    /// One cell's text.
    public static String cell(Object v) {
        return switch (v) {
            case null -> "";
            case Double d -> d.isNaN() ? "" : Double.toString(d);
            case Float f -> f.isNaN() ? "" : Float.toString(f);
            case Number n -> n.toString();
            default -> quote(v.toString());
        };
    }

    private static String quote(String t) {
        if (t.indexOf(',') < 0 && t.indexOf('"') < 0 && t.indexOf('\n') < 0 && t.indexOf('\r') < 0) return t;
        return '"' + t.replace("\"", "\"\"") + '"';
    }
}
