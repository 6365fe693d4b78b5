#!/usr/bin/env python3
"""Independent float64 NumPy check of the dendritic temporal contrast (DTC) rule of the dendritic-gating poster
against backprop, one step at a time: for each training sample, both updates are computed from the same weights
and input (each divided by its learning rate) and compared (fraction of samples with equal updates, cosine
similarity of the others, and whether an active second-hidden-layer unit was silenced by its nudge, the predicted
cause of any difference), at the initial weights, along backprop's trajectory (first 500 and 1,000 steps, and the
whole 5,600-sample epoch) and along DTC's own. Apical's `apical compare-updates` does the same on its own models.

Data set: the 4-arm spiral (2,000 points per arm, sigma 0.16) with noise and 70/15/15 split drawn with seed 0
(shared by all runs); each run draws its own training order (seed 1000+s) and its own weights (seed s).

usage: bench/poster/dtc_step_check.py [SEED ...]   (default seeds 1-10)
"""Independent NumPy float64 check of the claim in other-models-spec.md sec. 3.7:
"on identical weights, the DTC update equals the backprop update exactly on ~76 % of
samples, and its cosine similarity to the backprop update is >= 0.985 on the rest."

Data set: noise and train/val/test split drawn with seed 0 (shared by all runs, as in the
spec's split seed 0); each run draws its own training-order shuffle (seed 1000+s) and its own
weights (seed s).
"""
import sys
import time
import numpy as np

K = 4
N_ARM = 2000
SIGMA = 0.16
LR_BP = 0.161583299953611
LR_DTC = 0.172537249869428
SIZES = [2, 128, 32, 4]
TOLS = (1e-9, 1e-6, 1e-3)


def make_data(seed=0):
    rng = np.random.default_rng(seed)
    X, Y = [], []
    t = np.linspace(0.0, 1.0, N_ARM)
    for k in range(K):
        e1 = rng.standard_normal(N_ARM)
        e2 = rng.standard_normal(N_ARM)
        x = t * (np.sin(2 * np.pi / K * (2 * t + k)) + SIGMA * e1)
        y = t * (np.cos(2 * np.pi / K * (2 * t + k)) + SIGMA * e2)
        X.append(np.stack([x, y], 1))
        Y.append(np.full(N_ARM, k))
    X = np.concatenate(X)
    Y = np.concatenate(Y)
    perm = rng.permutation(len(X))
    X, Y = X[perm], Y[perm]
    n_test = int(0.15 * len(X))
    n_val = int(0.15 * len(X))
    Xte, Yte = X[:n_test], Y[:n_test]
    Xtr, Ytr = X[n_test + n_val:], Y[n_test + n_val:]
    T = np.eye(K)[Ytr]
    return Xtr, T, Ytr, Xte, Yte


def init_params(seed):
    rng = np.random.default_rng(seed)
    W, b = [], []
    for l in range(1, len(SIZES)):
        bound = 1.0 / np.sqrt(SIZES[l - 1])
        W.append(rng.uniform(-bound, bound, (SIZES[l], SIZES[l - 1])))
        b.append(rng.uniform(-bound, bound, SIZES[l]))
    return W, b


def relu(z):
    return np.maximum(z, 0.0)


def drelu(z):
    return (z > 0).astype(np.float64)


def forward(W, b, x):
    a = [x]
    z = []
    for l in range(3):
        zl = W[l] @ a[-1] + b[l]
        z.append(zl)
        a.append(relu(zl))
    return z, a


def loss(W, b, x, t):
    _, a = forward(W, b, x)
    return 0.25 * np.sum((a[-1] - t) ** 2)


def bp_update(W, b, x, t, z=None, a=None):
    """Negative gradient of L (update / lr), as lists of dW, db."""
    if z is None:
        z, a = forward(W, b, x)
    delta = [None] * 3
    delta[2] = (2.0 / K) * drelu(z[2]) * (t - a[3])
    for l in (1, 0):
        delta[l] = drelu(z[l]) * (W[l + 1].T @ delta[l + 1])
    dW = [np.outer(delta[l], a[l]) for l in range(3)]
    return dW, list(delta)


def dtc_update(W, b, x, t, z=None, a=None, nudge_scale=1.0):
    """DTC update / lr. Also returns silencing flags per layer."""
    if z is None:
        z, a = forward(W, b, x)
    N = [None] * 3
    aB = [None] * 4
    N[2] = nudge_scale * (2.0 / K) * drelu(z[2]) * (t - a[3])
    aB[3] = relu(z[2] + N[2])
    for l in (1, 0):
        DF = W[l + 1].T @ a[l + 2]
        DB = W[l + 1].T @ aB[l + 2]
        N[l] = drelu(z[l]) * (DB - DF)
        aB[l + 1] = relu(z[l] + N[l])
    dW = [np.outer(N[l], a[l]) for l in range(3)]
    silenced = [bool(np.any((z[l] > 0) & (z[l] + N[l] <= 0))) for l in range(3)]
    return dW, list(N), silenced


def flat(dW, db):
    return np.concatenate([m.ravel() for m in dW] + [v.ravel() for v in db])


def compare(W, b, x, t, nudge_scale=1.0):
    z, a = forward(W, b, x)
    dWb, dbb = bp_update(W, b, x, t, z, a)
    dWd, dbd, sil = dtc_update(W, b, x, t, z, a, nudge_scale)
    gb = flat(dWb, dbb) * nudge_scale
    gd = flat(dWd, dbd)
    mb = np.max(np.abs(gb))
    diff = np.max(np.abs(gd - gb))
    nb, nd = np.linalg.norm(gb), np.linalg.norm(gd)
    cos = float(gb @ gd / (nb * nd)) if nb > 0 and nd > 0 else np.nan
    rel = diff / mb if mb > 0 else (0.0 if diff == 0 else np.inf)
    return dict(zero=(mb == 0), rel=rel, cos=cos, sil_h2=sil[1], sil_out=sil[2],
                sil_h1=sil[0]), (dWb, dbb), (dWd, dbd)


def accuracy(W, b, X, Y):
    A = X.T
    for l in range(3):
        A = relu(W[l] @ A + b[l][:, None])
    return float(np.mean(np.argmax(A, 0) == Y))


def run_protocol(W0, b0, Xtr, T, order, mode, nudge_scale=1.0, max_steps=None):
    """mode: 'init' (fixed weights), 'bp' (train BP, compare at BP weights),
    'dtc' (train DTC, compare at DTC weights)."""
    W = [w.copy() for w in W0]
    b = [v.copy() for v in b0]
    recs = []
    steps = order if max_steps is None else order[:max_steps]
    for i in steps:
        x, t = Xtr[i], T[i]
        r, (dWb, dbb), (dWd, dbd) = compare(W, b, x, t, nudge_scale)
        recs.append(r)
        if mode == 'bp':
            for l in range(3):
                W[l] += LR_BP * dWb[l]
                b[l] += LR_BP * dbb[l]
        elif mode == 'dtc':
            for l in range(3):
                W[l] += LR_DTC * dWd[l]
                b[l] += LR_DTC * dbd[l]
    return recs, W, b


def summarize(recs):
    zero = np.array([r['zero'] for r in recs])
    rel = np.array([r['rel'] for r in recs])
    cos = np.array([r['cos'] for r in recs])
    sh2 = np.array([r['sil_h2'] for r in recs])
    sout = np.array([r['sil_out'] for r in recs])
    n = len(recs)
    s = dict(n=n, n_zero=int(zero.sum()), out_sil=int(sout.sum()))
    for tol in TOLS:
        eq = rel <= tol
        s['eq_all_%g' % tol] = eq.mean()
        nz = ~zero
        s['eq_nz_%g' % tol] = eq[nz].mean() if nz.any() else np.nan
    eq = rel <= 1e-9
    uneq = ~eq
    s['n_uneq'] = int(uneq.sum())
    s['sil_frac'] = sh2.mean()
    if uneq.any():
        c = cos[uneq]
        s['c>=.98'] = np.mean(c >= 0.98)
        s['c>=.985'] = np.mean(c >= 0.985)
        s['mean'] = np.mean(c)
        s['median'] = np.median(c)
        s['p5'] = np.percentile(c, 5)
        s['min'] = np.min(c)
        s['uneq_all_sil'] = bool(np.all(sh2[uneq]))
    else:
        for k in ('c>=.98', 'c>=.985', 'mean', 'median', 'p5', 'min'):
            s[k] = np.nan
        s['uneq_all_sil'] = True
    # converse: silenced but equal (can happen when no H1 unit is active etc.)
    s['sil_but_eq'] = int(np.sum(sh2 & eq))
    return s


HDR = ("%-10s %4s %5s %5s | %6s %6s %6s | %6s | %5s | %6s %6s | %7s %7s %7s %7s | %4s %4s %4s %5s"
       % ("protocol", "seed", "n", "zero", "eq1e-9", "eq1e-6", "eq1e-3", "eqNZ-9", "#uneq",
          "c>=.98", "c>=.985", "mean", "median", "p5", "min", "all", "sil&", "outS", "silH2"))


def fmt(name, seed, s, note=""):
    f = lambda v: "   nan" if v != v else "%6.3f" % v
    g = lambda v: "    nan" if v != v else "%7.4f" % v
    return ("%-10s %4s %5d %5d | %s %s %s | %s | %5d | %s %s | %s %s %s %s | %4s %4d %4d %5.3f %s"
            % (name, seed, s['n'], s['n_zero'], f(s['eq_all_1e-09']), f(s['eq_all_1e-06']),
               f(s['eq_all_0.001']), f(s['eq_nz_1e-09']), s['n_uneq'], f(s['c>=.98']),
               f(s['c>=.985']), g(s['mean']), g(s['median']), g(s['p5']), g(s['min']),
               'Y' if s['uneq_all_sil'] else 'N', s['sil_but_eq'], s['out_sil'], s['sil_frac'], note))


def gradcheck(W, b, x, t):
    dW, db = bp_update(W, b, x, t)
    g = flat(dW, db)
    params = W + b
    num = []
    h = 1e-6
    for p in params:
        it = np.nditer(p, flags=['multi_index'])
        out = np.zeros_like(p)
        for _ in it:
            idx = it.multi_index
            old = p[idx]
            p[idx] = old + h
            lp = loss(W, b, x, t)
            p[idx] = old - h
            lm = loss(W, b, x, t)
            p[idx] = old
            out[idx] = -(lp - lm) / (2 * h)
        num.append(out)
    gn = np.concatenate([m.ravel() for m in num])
    return np.max(np.abs(g - gn)) / np.max(np.abs(g)), np.max(np.abs(g))


def main():
    seeds = [int(s) for s in sys.argv[1:]] or list(range(1, 11))
    t0 = time.time()
    Xtr, T, Ytr, Xte, Yte = make_data(0)
    print("train %d, test %d; x range [%.2f, %.2f]" % (len(Xtr), len(Xte), Xtr.min(), Xtr.max()))

    # ---------------- sanity checks ----------------
    print("\n== Sanity 1: finite-difference check of the backprop gradient ==")
    W0, b0 = init_params(1)
    for i in range(3):
        z, a = forward(W0, b0, Xtr[i])
        r, mx = gradcheck([w.copy() for w in W0], [v.copy() for v in b0], Xtr[i], T[i])
        print("sample %d: active outputs %d, max|grad| %.3e, max rel err (central diff, h=1e-6) %.2e"
              % (i, int((z[2] > 0).sum()), mx, r))
    # also at a trained point
    rng = np.random.default_rng(1001)
    order = rng.permutation(len(Xtr))
    _, Wt, bt = run_protocol(W0, b0, Xtr, T, order, 'bp', max_steps=2000)
    done = 0
    for i in range(len(Xtr)):
        z, a = forward(Wt, bt, Xtr[i])
        if (z[2] > 0).any() and (z[1] > 0).any() and (z[0] > 0).any():
            r, mx = gradcheck([w.copy() for w in Wt], [v.copy() for v in bt], Xtr[i], T[i])
            print("after 2000 BP steps, sample %d: active out %d, max|grad| %.3e, max rel err %.2e"
                  % (i, int((z[2] > 0).sum()), mx, r))
            done += 1
            if done == 2:
                break

    for sc in (1e-6, 1e-3):
        print("\n== Sanity 2: small nudge (N_out * %g): DTC vs %g*BP (BP trajectory / init weights) ==" % (sc, sc))
        print(HDR)
        for seed in seeds[:3]:
            W0, b0 = init_params(seed)
            order = np.random.default_rng(1000 + seed).permutation(len(Xtr))
            recs, _, _ = run_protocol(W0, b0, Xtr, T, order, 'bp', nudge_scale=sc)
            print(fmt("bp-x%g" % sc, seed, summarize(recs)))
            recs, _, _ = run_protocol(W0, b0, Xtr, T, order, 'init', nudge_scale=sc)
            print(fmt("init-x%g" % sc, seed, summarize(recs)))

    # ---------------- main experiment ----------------
    print("\nColumns: n = samples; zero = samples where BP update is exactly 0 (all outputs "
          "inactive);\n eqTOL = fraction (of all n) with max|dDTC-dBP| <= TOL*max|dBP|; "
          "eqNZ-9 = same at 1e-9 among non-zero samples;\n #uneq, cosine stats computed over "
          "unequal samples at tol 1e-9; all = every unequal sample had an H2 unit silenced;\n"
          " sil& = samples with H2 silenced yet equal; outS = samples where an output unit was "
          "silenced (expected 0).")
    rows = {k: [] for k in ('init', 'bp500', 'bp1000', 'bp5600', 'dtc5600')}
    for seed in seeds:
        W0, b0 = init_params(seed)
        order = np.random.default_rng(1000 + seed).permutation(len(Xtr))
        recs_init, _, _ = run_protocol(W0, b0, Xtr, T, order, 'init')
        recs_bp, Wb, bb = run_protocol(W0, b0, Xtr, T, order, 'bp')
        recs_dtc, Wd, bd = run_protocol(W0, b0, Xtr, T, order, 'dtc')
        acc_bp = accuracy(Wb, bb, Xte, Yte)
        acc_dtc = accuracy(Wd, bd, Xte, Yte)
        acc0 = accuracy(W0, b0, Xte, Yte)

        def dead_note(recs, acc):
            z = np.array([r['zero'] for r in recs])
            last = z[-1000:].mean()
            return "acc=%.3f zero_last1000=%.2f%s" % (acc, last, " DEAD-OUTPUT" if last > 0.99 else "")
        rows['init'].append((seed, summarize(recs_init), "acc=%.3f" % acc0, recs_init))
        rows['bp500'].append((seed, summarize(recs_bp[:500]), "", recs_bp[:500]))
        rows['bp1000'].append((seed, summarize(recs_bp[:1000]), "", recs_bp[:1000]))
        rows['bp5600'].append((seed, summarize(recs_bp), dead_note(recs_bp, acc_bp), recs_bp))
        rows['dtc5600'].append((seed, summarize(recs_dtc), dead_note(recs_dtc, acc_dtc), recs_dtc))
        print("seed %d done (%.0f s)" % (seed, time.time() - t0), file=sys.stderr)

    for k, lst in rows.items():
        print("\n== Protocol %s ==" % k)
        print(HDR)
        allrecs = []
        for seed, s, note, recs in lst:
            print(fmt(k, seed, s, note))
            allrecs += recs
        print(fmt(k, "pool", summarize(allrecs), "(all seeds pooled)"))
        lst = [x[:3] for x in lst]
        eqs = [s['eq_all_1e-09'] for _, s, _ in lst]
        mins = [s['min'] for _, s, _ in lst if s['min'] == s['min']]
        print("  mean eq1e-9 over seeds %.3f; min cosine over all seeds %.4f; "
              "all seeds all-unequal>=0.98: %s"
              % (np.mean(eqs), min(mins) if mins else np.nan,
                 all((s['c>=.98'] == 1.0) or s['n_uneq'] == 0 for _, s, _ in lst)))
    print("\ntotal time %.0f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
