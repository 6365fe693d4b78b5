package dev.apical.datasets;

import dev.apical.data.ArrayDataset;
import dev.apical.data.DataSplit;
import dev.apical.io.Npy;
import dev.apical.io.NpyArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// Datasets of the user's own: a directory with one file (or pair of files) per split, features used as
/// given (no scaling) and integer labels turned into one-hot targets. The number of classes is the largest
/// label plus one over all three splits.
///
/// * `csv:DIR` reads `DIR/train.csv`, `DIR/validation.csv`, `DIR/test.csv`: one sample per line, the features
///   then the label in the last column; an optional header line (any non-numeric cell) is skipped.
/// * `npy:DIR` reads `DIR/train_x.npy` (samples x features) and `DIR/train_y.npy` (one label per sample),
///   likewise `validation_*` and `test_*`.
public final class UserData {
    private static final String[] SPLITS = {"train", "validation", "test"};

    private UserData() {}

    private record Part(Path file, float[] x, int features, int[] y) {}

    /// The split in CSV files under `dir`.
    public static DataSplit csv(Path dir) throws IOException {
        Part[] parts = new Part[3];
        for (int s = 0; s < 3; s++) parts[s] = readCsv(dir.resolve(SPLITS[s] + ".csv"));
        return assemble("csv:" + dir, parts);
    }

    /// The split in NPY files under `dir`.
    public static DataSplit npy(Path dir) throws IOException {
        Part[] parts = new Part[3];
        for (int s = 0; s < 3; s++) {
            Path xf = dir.resolve(SPLITS[s] + "_x.npy"), yf = dir.resolve(SPLITS[s] + "_y.npy");
            NpyArray x = Npy.read(xf), y = Npy.read(yf);
            if (x.rank() != 2) throw new DataFileException(xf, "expected a 2-D array (samples x features), shape is " + shape(x));
            if (y.rank() != 1) throw new DataFileException(yf, "expected a 1-D array of labels, shape is " + shape(y));
            if (y.size() != x.shape()[0])
                throw new DataFileException(yf, "label count " + y.size() + " does not match the sample count "
                        + x.shape()[0] + " of " + xf.getFileName());
            int[] labels = new int[y.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = label(yf, i, y.data()[i]);
            parts[s] = new Part(xf, x.data(), x.shape()[1], labels);
        }
        return assemble("npy:" + dir, parts);
    }

    private static DataSplit assemble(String name, Part[] parts) throws IOException {
        int classes = 0;
        for (Part p : parts) {
            if (p.features() != parts[0].features())
                throw new DataFileException(p.file(), p.features() + " features per sample, but "
                        + parts[0].file().getFileName() + " has " + parts[0].features());
            for (int v : p.y()) classes = Math.max(classes, v + 1);
        }
        if (classes < 2) throw new DataFileException(parts[0].file(), "labels must span at least 2 classes, found " + classes);
        ArrayDataset[] sets = new ArrayDataset[3];
        for (int s = 0; s < 3; s++)
            sets[s] = ArrayDataset.ofLabels(name + "/" + SPLITS[s], parts[s].x(), parts[s].features(), parts[s].y(), classes);
        return new DataSplit(sets[0], sets[1], sets[2]);
    }

    private static Part readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split(",", -1);
            if (ln == 0 && !numeric(cells)) continue;
            if (width < 0) width = cells.length;
            if (cells.length < 2) throw new DataFileException(file, "line " + (ln + 1) + ": need at least one feature and a label");
            if (cells.length != width)
                throw new DataFileException(file, "line " + (ln + 1) + " has " + cells.length + " cells, earlier lines " + width);
            float[] x = new float[width - 1];
            try {
                for (int i = 0; i < x.length; i++) x[i] = Float.parseFloat(cells[i].strip());
                labels.add(label(file, ln + 1, Double.parseDouble(cells[width - 1].strip())));
            } catch (NumberFormatException e) {
                throw new DataFileException(file, "line " + (ln + 1) + ": not a number (" + e.getMessage() + ")");
            }
            rows.add(x);
        }
        if (rows.isEmpty()) throw new DataFileException(file, "no samples");
        float[] flat = new float[rows.size() * (width - 1)];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, flat, i * (width - 1), width - 1);
        return new Part(file, flat, width - 1, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean numeric(String[] cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static int label(Path file, int where, double v) throws DataFileException {
        if (v < 0 || v != Math.rint(v) || v > 1_000_000)
            throw new DataFileException(file, "label " + v + " at " + where + " is not a non-negative integer");
        return (int) v;
    }

    private static String shape(NpyArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
