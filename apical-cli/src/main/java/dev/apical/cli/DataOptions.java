package dev.apical.cli;

import dev.apical.data.DataSplit;
import dev.apical.datasets.Datasets;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/// Dataset selection shared by the commands that need data.
final class DataOptions {
    @Option(names = "--dataset", description = "Dataset: ${COMPLETION-CANDIDATES} (install the "
            + "image datasets with `apical data fetch NAME`), or csv:DIR / npy:DIR for your own data (DIR/train.csv, "
            + "validation.csv, test.csv with the integer label in the last column; or DIR/train_x.npy, train_y.npy, "
            + "validation_*, test_*). Default: the config's `dataset` key, else spiral.",
            completionCandidates = Names.class)
    String dataset;

    @Option(names = "--split", description = "Split mode of the dataset (spiral: eiann = EIANN's data loader, "
            + "train/val/test generated with seeds 0/1/2; optimization = EIANN's optimisation script, all with seed 0, "
            + "so validation == test; poster = the dendritic-gating poster's 8,000 points shuffled with seed 0 into 70/15/15 %%). "
            + "Default: eiann.")
    String split;

    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Datasets.names().iterator();
        }
    }

    /// Fills what the command line left open from the config's `dataset` key (the command line wins), and
    /// falls back to the spiral task.
    DataOptions defaultsFrom(dev.apical.spec.NetworkSpec spec) {
        var named = spec == null ? null : spec.dataset();
        if (dataset == null) {
            dataset = named != null ? named.name() : "spiral";
            if (named != null) configOptions.putAll(named.options());
        }
        return this;
    }

    private final Map<String, String> configOptions = new LinkedHashMap<>();

    DataSplit load() {
        if (dataset == null) dataset = "spiral";
        return Datasets.split(dataset, options());
    }

    Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>(configOptions);
        if (split != null) o.put("split", split);
        return o;
    }

    Map<String, Object> describe(DataSplit data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", dataset);
        m.put("options", options());
        for (var d : new dev.apical.data.Dataset[] {data.train(), data.validation(), data.test()}) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("samples", d.size());
            s.put("sha256", d.sha256());
            m.put(d.name(), s);
        }
        return m;
    }
}
