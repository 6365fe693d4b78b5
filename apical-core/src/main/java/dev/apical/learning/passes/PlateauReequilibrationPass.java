package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.network.Projection;

/// The backward phase of EIANN's `BTSP_19` and `Supervised_BCM_4` (eiann-spec 6.4): the control flow of the 2L
/// family ([ReequilibrationPass]: plateaus computed once at t = 0, then the activities re-equilibrate with the
/// nudges applied; BTSP applies `neg_rate_th` before the negative selection through its rule settings), each
/// rule class with its own pass. Unlike the 2L family, storing dynamics never widens the set of updated
/// populations (Apical never stores dynamics in training). After the loop each rule's once-per-sample
/// `update()` is re-armed: BTSP's past activity (presynaptic populations) and past plateau (postsynaptic),
/// BCM's threshold (postsynaptic).
public final class PlateauReequilibrationPass {
    private PlateauReequilibrationPass() {}

    /// Flag raised on a presynaptic population of a `BTSP_19` projection: past activity not yet stored.
    public static final String BTSP_PAST_ACTIVITY_PENDING = "btsp.past_activity.pending";
    /// Flag raised on a postsynaptic population of a `BTSP_19` projection: past plateau not yet stored.
    public static final String BTSP_PAST_PLATEAU_PENDING = "btsp.past_plateau.pending";
    /// Flag raised on a postsynaptic population of a `Supervised_BCM_4` projection: theta not yet updated.
    public static final String BCM_THETA_PENDING = "bcm.theta.pending";

    /// The pass of `BTSP_19`.
    public static final BackwardPass.Factory BTSP = setup -> new ReequilibrationPass(setup, "btsp", () -> {
        for (Projection q : setup.ruleProjections()) {
            q.post().setFlag(BTSP_PAST_PLATEAU_PENDING, true);
            q.pre().setFlag(BTSP_PAST_ACTIVITY_PENDING, true);
        }
    });

    /// The pass of `Supervised_BCM_4`.
    public static final BackwardPass.Factory BCM = setup -> new ReequilibrationPass(setup, "bcm", () -> {
        for (Projection q : setup.ruleProjections()) q.post().setFlag(BCM_THETA_PENDING, true);
    });
}
