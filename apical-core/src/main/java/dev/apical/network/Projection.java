package dev.apical.network;

import dev.apical.math.ColumnKernels;
import dev.apical.math.Kernels;
import dev.apical.spec.Bounds;
import dev.apical.spec.Compartment;
import dev.apical.spec.Direction;
import dev.apical.spec.ProjectionSpec;
import dev.apical.spec.UpdatePhase;

/// A projection at run time: the weight matrix W (N_post x N_pre, row-major) and its wiring.
///
/// W may also be held as a column copy ([#keepColumns()]) for products that skip zero presynaptic rates. Then
/// at least one of the two layouts is current at any time: `rowsCurrent` says whether the row-major array is,
/// `columnsCurrent` whether the copy is; a stale layout is formed from the other when it is next needed.
public final class Projection {
    private final ProjectionSpec spec;
    private final Population post;
    private final Population pre;
    private final float[] weights;
    private final boolean readsCurrentStep;
    private Projection transposeSource;
    private float transposeFactor;
    private boolean stale;
    private float[] columns;
    private boolean columnsCurrent;
    private boolean rowsCurrent = true;
    private boolean mirrored;
    private int[] nonzero;
    private float[] columnSums;

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
    /// The weights, row-major `rows x cols`, for reading or writing: learning rules, constraints and loaders
    /// modify them through this array. For a projection that mirrors another's transpose, the array is brought
    /// up to date first. A projection that keeps a column copy ([#keepColumns()]) takes every call as a write
    /// and rebuilds the copy before its next product; callers that only read use [#readWeights()].
    public float[] weights() {
        float[] w = readWeights();
        columnsCurrent = false;
        return w;
    }

    /// The weights, as [#weights()], for callers that do not modify them.
    public float[] readWeights() {
        if (stale) {
            Kernels.scaledTranspose(transposeSource.readWeights(), transposeSource.rows(), transposeSource.cols(), transposeFactor, weights);
            stale = false;
        }
        if (!rowsCurrent) {
            ColumnKernels.fromColumns(columns, rows(), cols(), weights);
            rowsCurrent = true;
        }
        return weights;
    }

    /// y += W x. For a projection that mirrors `factor · sourceᵀ` this reads the source directly, with the same
    /// rounded products, so the mirrored matrix is formed only when someone asks for [#weights()].
    public void multiplyAdd(float[] x, float[] y) {
        if (transposeSource != null && stale)
            transposeSource.multiplyTransposedAdd(transposeFactor, x, y);
        else if (columns != null) {
            if (!columnsCurrent) {
                ColumnKernels.toColumns(readWeights(), rows(), cols(), columns);
                columnsCurrent = true;
            }
            ColumnKernels.columnsAdd(columns, rows(), cols(), x, y, nonzero, columnSums);
        } else
            Kernels.gemvAdd(readWeights(), rows(), cols(), x, y);
    }

    /// y += (factor · Wᵀ) x, for a projection mirroring this one.
    private void multiplyTransposedAdd(float factor, float[] x, float[] y) {
        if (rowsCurrent) Kernels.scaledTransposeAdd(weights, rows(), cols(), factor, x, y);
        else ColumnKernels.scaledTransposeAddFromColumns(columns, rows(), cols(), factor, x, y);
    }

    /// Keeps a column-major copy of W for the products y += W x, which then skip the zero entries of x
    /// ([ColumnKernels#columnsAdd]): much faster for the sparse rates of relu populations and images. Worth it when
    /// W changes rarely or only through [#addScaledOuterClamped], which then updates the copy alone; the
    /// row-major array is formed from it when it is next asked for. Any write through [#weights()] makes the
    /// copy due for a rebuild before the next product.
    public void keepColumns() {
        if (transposeSource != null) throw new IllegalStateException(name() + " mirrors another projection's weights");
        columns = new float[cols() * ColumnKernels.columnStride(rows())];
        columnSums = new float[ColumnKernels.columnStride(rows())];
        nonzero = new int[cols() + 64];
        columnsCurrent = false;
    }

    /// Stops keeping the column copy: W is row-major only again and products are dense ([Kernels#gemvAdd]).
    public void dropColumns() {
        if (columns == null) return;
        readWeights();
        columns = null;
        columnSums = null;
        nonzero = null;
        columnsCurrent = false;
    }

    /// True if this projection's weights are a mirror of another's transpose ([#mirrorTransposeOf]).
    public boolean isMirror() {
        return transposeSource != null;
    }

    /// True if this projection keeps a column copy of its weights ([#keepColumns()]).
    public boolean keepsColumns() {
        return columns != null;
    }

    /// W ← clamp(W + alpha · u ⊗ v, lo, hi) on the rows with u_i != 0 ([Kernels#addScaledOuterClamped]). With a
    /// current column copy the copy is updated ([ColumnKernels#addScaledOuterClampedColumns], the same rounding), and
    /// the row-major array too only if another projection mirrors this one (mirrored products read rows).
    public void addScaledOuterClamped(float alpha, float[] u, float[] v, float lo, float hi) {
        if (columns != null && columnsCurrent) {
            ColumnKernels.addScaledOuterClampedColumns(alpha, u, v, columns, rows(), cols(), lo, hi);
            if (mirrored && rowsCurrent) Kernels.addScaledOuterClamped(alpha, u, v, weights, rows(), cols(), lo, hi);
            else rowsCurrent = false;
        } else {
            Kernels.addScaledOuterClamped(alpha, u, v, weights(), rows(), cols(), lo, hi);
        }
    }

    /// EIANN's `normalize_weight` on every row ([Kernels#normalizeRows]); with a current column copy, on the copy
    /// ([ColumnKernels#normalizeRowsOfColumns], the row norms summed in another order) and the row-major array formed
    /// from it when next read.
    public void normalizeRows(float scale) {
        if (columns != null && columnsCurrent) {
            ColumnKernels.normalizeRowsOfColumns(columns, rows(), cols(), scale, columnSums);
            rowsCurrent = false;
        } else {
            Kernels.normalizeRows(weights(), rows(), cols(), scale);
        }
    }

    /// Makes this projection mirror `factor · sourceᵀ` (top-down weights B = c·Wᵀ kept by `clone_weight`):
    /// [#markMirrorStale()] replaces an explicit copy after every change of the source.
    public void mirrorTransposeOf(Projection source, float factor) {
        if (columns != null) throw new IllegalStateException(name() + " keeps a column copy of its own weights");
        source.mirrored = true;
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
