package dev.apical.train;

import java.util.ArrayList;
import java.util.List;

/// EIANN's `val_interval = (start, stop, step)` over training steps 0..N−1 (eiann-spec 9.5): negative indices
/// count from the end; checkpoints are stop, stop−step, ... down to >= start (ascending), plus step 0 when
/// start is 0. Validation runs after that step's weight update. Example: (−1000, −1, 100) over 5,600 steps
/// gives 4699, 4799, ..., 5599.
public record ValidationSchedule(int start, int stop, int step) {
    public ValidationSchedule {
        if (step < 1) throw new IllegalArgumentException("validation step must be >= 1, found " + step);
    }

    /// EIANN's optimisation protocol: the last 1,000 steps, every 100.
    public static final ValidationSchedule EIANN_FINAL = new ValidationSchedule(-1000, -1, 100);

    /// Parses `start,stop,step` (e.g. `-1000,-1,100`).
    public static ValidationSchedule parse(String text) {
        String[] parts = text.replace("(", "").replace(")", "").split(",");
        if (parts.length != 3) throw new IllegalArgumentException("expected START,STOP,STEP (e.g. -1000,-1,100), found '" + text + "'");
        try {
            return new ValidationSchedule(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected three integers START,STOP,STEP, found '" + text + "'");
        }
    }

    /// Ascending checkpoint steps for a run of `totalSteps` steps.
    public int[] checkpoints(int totalSteps) {
        if (totalSteps <= 0) return new int[0];
        int s = index(start, totalSteps);
        int e = index(stop, totalSteps);
        if (start < 0 && -start > totalSteps) s = 0;
        List<Integer> out = new ArrayList<>();
        for (int c = e; c >= s; c -= step) out.addFirst(c);
        if (s == 0 && (out.isEmpty() || out.getFirst() != 0)) out.addFirst(0);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int index(int i, int n) {
        int v = i < 0 ? n + i : i;
        return Math.max(0, Math.min(v, n - 1));
    }

    @Override
    public String toString() {
        return start + "," + stop + "," + step;
    }
}
