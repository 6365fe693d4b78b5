package dev.apical.network;

/// Training produced a non-finite value. Names the training step and the first population (in update
/// order) whose state or activity is not finite.
public final class DivergenceException extends RuntimeException {
    private final long step;
    private final String population;

    public DivergenceException(long step, String population, String detail) {
        super("training diverged at step " + step + " (0-based): " + detail
                + (population == null ? "" : "; first non-finite population: " + population));
        this.step = step;
        this.population = population;
    }

    public long step() { return step; }

    /// The population (`Layer.Pop`) where a non-finite value first appeared, or null if none was found.
    public String population() { return population; }
}
