package dev.apical.spec;

/// When a projection contributes to its target (eiann-spec 2.3). Forward and all-phase projections feed the
/// somatic input of the forward dynamics; backward and all-phase projections make their target population
/// take part in the backward (nudge) phase.
public enum UpdatePhase {
    FORWARD, BACKWARD, ALL;

    public boolean inForwardPhase() {
        return this != BACKWARD;
    }

    public boolean inBackwardPhase() {
        return this != FORWARD;
    }
}
