package dev.apical.record;

import dev.apical.build.Model;
import dev.apical.io.Npy;
import dev.apical.network.Population;
import dev.apical.train.TrainListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Records chosen per-population signals (forward/backward activity, dendritic states, plateaus) every
/// `every` training steps, and writes them as `signals/<signal>/<Pop>.npy` (recorded steps x size, float32)
/// with `signals/steps.npy` (the 0-based step of each row). Memory grows with steps / every.
public final class SignalRecorder implements TrainListener {
    private final Set<Signal> signals;
    private final int every;
    private final List<Integer> steps = new ArrayList<>();
    private final Map<String, List<float[]>> rows = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();

    /// @param every record steps 0, every, 2·every, ... and the last step
    public SignalRecorder(Set<Signal> signals, int every) {
        if (every < 1) throw new IllegalArgumentException("recording interval must be >= 1, found " + every);
        this.signals = Set.copyOf(signals);
        this.every = every;
    }

    private int total = -1;

    @Override
    public void onStart(int totalSteps) {
        total = totalSteps;
    }

    @Override
    public void afterStep(int step, Model model) {
        if (step % every != 0 && step != total - 1) return;
        steps.add(step);
        for (Population p : model.network().populations()) {
            if (p.isInput()) continue;
            for (Signal s : signals) {
                float[] v = s.of(p);
                if (v == null) continue;
                String key = s.key() + "/" + p.name();
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(v.clone());
                sizes.put(key, p.size());
            }
        }
    }

    /// Steps recorded so far.
    public List<Integer> steps() {
        return List.copyOf(steps);
    }

    /// Writes everything recorded under `dir/signals/`.
    public void write(Path dir) throws IOException {
        Path base = dir.resolve("signals");
        Files.createDirectories(base);
        float[] s = new float[steps.size()];
        for (int i = 0; i < s.length; i++) s[i] = steps.get(i);
        Npy.write(base.resolve("steps.npy"), new int[] {s.length}, s);
        for (var e : rows.entrySet()) {
            int size = sizes.get(e.getKey());
            float[] all = new float[e.getValue().size() * size];
            for (int i = 0; i < e.getValue().size(); i++) System.arraycopy(e.getValue().get(i), 0, all, i * size, size);
            Path f = base.resolve(e.getKey() + ".npy");
            Files.createDirectories(f.getParent());
            Npy.write(f, new int[] {e.getValue().size(), size}, all);
        }
    }
}
