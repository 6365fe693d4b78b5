package dev.apical.study;

import dev.apical.io.Csv;
import dev.apical.io.Json;
import dev.apical.stats.SampleSummary;
import dev.apical.stats.TwoSampleTests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/// The results of a seed study: per config the summary of its runs' test accuracies and the number of runs
/// that collapsed to chance, and the p-values of each config against the first (the reference).
///
/// A run "collapsed to chance" when its accuracy is at most 100/K + 5 % for K classes (30 % on the 4-arm
/// spiral, where chance is 25 %): typically a relu network whose output units died.
public record StudyReport(List<String> configs, List<SeedRun> runs, int classes, List<Row> rows, List<PValue> pValues) {
    /// One config's line of the table; statistics over runs that did not diverge.
    public record Row(String config, SampleSummary summary, int collapsed, int diverged) {}

    /// One test of `config` against `reference`.
    public record PValue(String config, String reference, TwoSampleTests.Result result) {}

    /// The collapse threshold (%) for `classes` classes.
    public static double collapseThreshold(int classes) {
        return 100.0 / classes + 5.0;
    }

    public static StudyReport of(List<String> configs, List<SeedRun> runs, int classes) {
        List<Row> rows = new ArrayList<>();
        for (String c : configs) {
            double[] acc = accuracies(runs, c);
            int collapsed = 0;
            for (double a : acc) if (a <= collapseThreshold(classes)) collapsed++;
            int diverged = (int) runs.stream().filter(r -> r.config().equals(c) && r.diverged()).count();
            rows.add(new Row(c, SampleSummary.of(acc), collapsed, diverged));
        }
        List<PValue> ps = new ArrayList<>();
        double[] ref = accuracies(runs, configs.getFirst());
        for (String c : configs.subList(1, configs.size())) {
            double[] x = accuracies(runs, c);
            ps.add(new PValue(c, configs.getFirst(), TwoSampleTests.student(x, ref)));
            ps.add(new PValue(c, configs.getFirst(), TwoSampleTests.welch(x, ref)));
            ps.add(new PValue(c, configs.getFirst(), TwoSampleTests.mannWhitney(x, ref)));
        }
        return new StudyReport(List.copyOf(configs), List.copyOf(runs), classes, rows, ps);
    }

    /// Test accuracies of `config`'s runs that did not diverge, in run order.
    public static double[] accuracies(List<SeedRun> runs, String config) {
        return runs.stream().filter(r -> r.config().equals(config) && !r.diverged())
                .sorted(java.util.Comparator.comparingInt(SeedRun::index)).mapToDouble(SeedRun::testAccuracy).toArray();
    }

    /// Writes `summary.csv`, `runs.csv`, `pvalues.csv` and `summary.json` into `dir`.
    public void write(Path dir, Map<String, Object> settings) throws IOException {
        List<List<?>> s = new ArrayList<>();
        for (Row r : rows) {
            SampleSummary m = r.summary();
            s.add(List.of(r.config(), m.n(), m.mean(), m.sd(), m.sem(), m.median(), m.min(), m.max(), r.collapsed(), r.diverged()));
        }
        Csv.write(dir.resolve("summary.csv"), List.of("config", "runs", "mean", "sd", "sem", "median", "min", "max",
                "collapsed", "diverged"), s);
        List<String> runColumns = List.of("config", "index", "network_seed", "data_seed", "test_accuracy",
                "validation_accuracy", "collapsed", "diverged", "reused", "seconds", "run_dir");
        List<List<?>> rr = new ArrayList<>();
        List<Map<String, Object>> runMaps = new ArrayList<>();
        for (SeedRun r : runs) {
            List<?> row = List.of(r.config(), r.index(), r.networkSeed(), r.dataSeed(), r.testAccuracy(), r.validationAccuracy(),
                    r.testAccuracy() <= collapseThreshold(classes), r.diverged(), r.reused(), r.seconds(), r.dir());
            rr.add(row);
            Map<String, Object> m = Json.object();
            for (int i = 0; i < row.size(); i++) m.put(runColumns.get(i), row.get(i));
            runMaps.add(m);
        }
        Csv.write(dir.resolve("runs.csv"), runColumns, rr);
        List<List<?>> pp = new ArrayList<>();
        for (PValue p : pValues)
            pp.add(List.of(p.config(), p.reference(), p.result().test(), p.result().statistic(), p.result().df(), p.result().p()));
        Csv.write(dir.resolve("pvalues.csv"), List.of("config", "reference", "test", "statistic", "df", "p"), pp);
        Map<String, Object> j = Json.object();
        j.put("kind", "apical-compare");
        j.put("settings", settings);
        j.put("metric", "test accuracy (%) of the final network");
        j.put("collapse_threshold", collapseThreshold(classes));
        j.put("collapse_definition", "accuracy <= 100/K + 5 % for K classes");
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Row r : rows) {
            SampleSummary m = r.summary();
            Map<String, Object> o = Json.object();
            o.put("config", r.config());
            o.put("runs", m.n());
            o.put("mean", m.mean());
            o.put("sd", m.sd());
            o.put("sem", m.sem());
            o.put("median", m.median());
            o.put("min", m.min());
            o.put("max", m.max());
            o.put("collapsed", r.collapsed());
            o.put("diverged", r.diverged());
            summary.add(o);
        }
        j.put("summary", summary);
        List<Map<String, Object>> tests = new ArrayList<>();
        for (PValue p : pValues) {
            Map<String, Object> o = Json.object();
            o.put("config", p.config());
            o.put("reference", p.reference());
            o.put("test", p.result().test());
            o.put("statistic", p.result().statistic());
            o.put("df", p.result().df());
            o.put("p", p.result().p());
            tests.add(o);
        }
        j.put("pvalues", tests);
        j.put("runs", runMaps);
        Json.writeAtomic(dir.resolve("summary.json"), j);
    }

    /// The table and p-values as aligned text.
    public String format() {
        StringBuilder b = new StringBuilder();
        int w = Math.max(6, configs.stream().mapToInt(String::length).max().orElse(6));
        b.append(String.format(Locale.ROOT, "%-" + w + "s %4s %7s %6s %6s %7s %6s %6s %9s%n", "config", "runs", "mean", "sd",
                "sem", "median", "min", "max", "collapsed"));
        for (Row r : rows) {
            SampleSummary m = r.summary();
            b.append(String.format(Locale.ROOT, "%-" + w + "s %4d %7.2f %6.2f %6.2f %7.2f %6.2f %6.2f %9d%s%n", r.config(), m.n(),
                    m.mean(), m.sd(), m.sem(), m.median(), m.min(), m.max(), r.collapsed(),
                    r.diverged() > 0 ? "  (" + r.diverged() + " diverged)" : ""));
        }
        if (!pValues.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%np-values against %s (two-sided)%n", configs.getFirst()));
            b.append(String.format(Locale.ROOT, "%-" + w + "s %10s %10s %13s%n", "config", "student t", "welch t", "mann-whitney"));
            for (int i = 0; i < pValues.size(); i += 3)
                b.append(String.format(Locale.ROOT, "%-" + w + "s %10.4f %10.4f %13.4f%n", pValues.get(i).config(),
                        pValues.get(i).result().p(), pValues.get(i + 1).result().p(), pValues.get(i + 2).result().p()));
        }
        return b.toString();
    }
}
