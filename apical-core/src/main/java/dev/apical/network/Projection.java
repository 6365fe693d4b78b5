package dev.apical.network;

import dev.apical.math.Kernels;
import dev.apical.spec.Bounds;
import dev.apical.spec.Compartment;
import dev.apical.spec.Direction;
import dev.apical.spec.ProjectionSpec;
import dev.apical.spec.UpdatePhase;

/// A projection at run time: the weight matrix W (N_post x N_pre, row-major) and its wiring.
public final class Projection {
    private final ProjectionSpec spec;
    private final Population post;
    private final Population pre;
    private final float[] weights;
    private final boolean readsCurrentStep;
    private Projection transposeSource;
    private float transposeFactor;
    private boolean stale;

    Projection(ProjectionSpec spec, Population post, Population pre) {
        this.spec = spec;
        this.post = post;
        this.pre = pre;
        this.weights = new float[post.size() * pre.size()];
        // A forward projection reads the value its presynaptic population has when the projection is
        // evaluated: this step's if pre is updated earlier in the step (or is never updated), else last step's.
        this.readsCurrentStep = spec.direction() == Direction.FORWARD && (!pre.isUpdated() || pre.order() < post.order());
    }

    public ProjectionSpec spec() { return spec; }
    /// EIANN's name, e.g. `H1E_InputE`.
    public String name() { return spec.name(); }
    public Population post() { return post; }
    public Population pre() { return pre; }
    public int rows() { return post.size(); }
    public int cols() { return pre.size(); }
    /// The weights, row-major `rows x cols`. Modified by learning rules, constraints and loaders. For a
    /// projection that mirrors another's transpose, the array is brought up to date first.
    public float[] weights() {
        if (stale) {
            Kernels.scaledTranspose(transposeSource.weights, transposeSource.rows(), transposeSource.cols(), transposeFactor, weights);
            stale = false;
        }
        return weights;
    }

    /// y += W x. For a projection that mirrors `factor · sourceᵀ` this reads the source directly, with the same
    /// rounded products, so the mirrored matrix is formed only when someone asks for [#weights()].
    public void multiplyAdd(float[] x, float[] y) {
        if (transposeSource != null && stale)
            Kernels.scaledTransposeAdd(transposeSource.weights, transposeSource.rows(), transposeSource.cols(), transposeFactor, x, y);
        else
            Kernels.gemvAdd(weights(), rows(), cols(), x, y);
    }

    /// Makes this projection mirror `factor · sourceᵀ` (top-down weights B = c·Wᵀ kept by `clone_weight`):
    /// [#markMirrorStale()] replaces an explicit copy after every change of the source.
    public void mirrorTransposeOf(Projection source, float factor) {
        if (source.rows() != cols() || source.cols() != rows())
            throw new IllegalArgumentException(source.name() + " transposed does not match " + name());
        this.transposeSource = source;
        this.transposeFactor = factor;
    }

    /// The source changed (or was re-cloned): W is factor · sourceᵀ again from now on.
    public void markMirrorStale() {
        stale = true;
    }
    public Direction direction() { return spec.direction(); }
    public Compartment compartment() { return spec.compartment(); }
    public UpdatePhase updatePhase() { return spec.updatePhase(); }
    public Bounds bounds() { return spec.bounds(); }

    /// Somatic input during the forward phase: soma compartment and update phase F or A.
    public boolean isForwardSomatic() {
        return spec.compartment() == Compartment.SOMA && spec.updatePhase().inForwardPhase();
    }

    /// True if, within a forward step, this projection reads the presynaptic activity of the same step
    /// (forward direction and pre updated before post, or pre never updated); false if it reads the
    /// previous step's (recurrent, or forward from a population updated later in the step).
    public boolean readsCurrentStep() { return readsCurrentStep; }

    /// The presynaptic vector a recurrent/forward projection reads at this moment (eiann-spec 2.3).
    public float[] presynaptic() {
        return spec.direction() == Direction.FORWARD ? pre.activity : pre.prevActivity;
    }

    /// The forward-phase presynaptic vector: a^f for forward, a^f(T-1) for recurrent projections.
    public float[] forwardPresynaptic() {
        return spec.direction() == Direction.FORWARD ? pre.forwardActivity : pre.forwardPrevActivity;
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
