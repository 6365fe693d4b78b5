#!/usr/bin/python3
"""Export an EIANN golden-trace fixture for `apical parity`.

Runs EIANN (imported at run time from --eiann; nothing of EIANN is copied here) on one network config and a
fixed sample sequence and writes a fixture directory in the layout of shared/fixtures/README.md:
config.yaml, manifest.json, inputs.npy, targets.npy, initial/, step0/{dynamics,forward,forward_prev,
forward_dend,backward,backward_prev,plateau,backward_dend}/, step0/output.npy, step0/after/,
history/{loss.npy,forward,forward_dend,plateau,backward,backward_dend}/, checkpoints/stepKKKK/, final/,
eval/{val_inputs,val_targets,val_outputs}.npy. Every array is float32.

Capture procedure (three identically seeded networks):
  A  initial/ after construction; then ONE Network.train() over all samples (DataLoader, batch_size 1,
     shuffle=False, samples_per_epoch=steps, no validation, store_history=True, store_dynamics=False,
     parameters stored after every step) -> history/, checkpoints/, final/, eval/ (one batch).
  B  one forward pass with store_dynamics=True on sample 0, no learning -> step0/dynamics/.
  C  Network.train() on sample 0 alone -> step0/ signals and step0/after/.
The manifest records self-checks (B and C start from A's initial parameters, C's step 0 equals A's, ...).

Usage:
  /usr/bin/python3 bench/eiann/export_fixture.py --eiann /tmp/eiann-src \\
      --config EIANN_CONFIG.yaml --dataset spiral|mnist [--mnist-dir DIR] --steps N \\
      --checkpoint-every K [--seed 66049] [--n-val 200] --out DIR \\
      [--tol step0=RTOL,ATOL] [--tol final=RTOL,ATOL] [--tol CATEGORY=RTOL,ATOL ...]

  --eiann DIR       EIANN source checkout (the directory that contains the EIANN package)
  --config YAML     EIANN network config (nested or simplified format)
  --dataset         spiral: EIANN's generate_spiral_data (train arm_size 1400 seed 0, val arm_size 300 seed 1)
                    mnist: IDX files in --mnist-dir (train-images-idx3-ubyte, train-labels-idx1-ubyte);
                    train = images 0..49999, val = images 50000..59999, as EIANN's get_MNIST_dataloaders
  --steps N         training samples: numpy.random.RandomState(--order-seed).permutation(n_train)[:N]
  --checkpoint-every K  checkpoints/stepKKKK after steps K-1, 2K-1, ... (before the last step)
  --seed            network seed passed to Network(seed=...) (torch.manual_seed), default 66049
  --tol             tolerance of a category (step0_forward, step0_backward, step0_after, final_params,
                    eval_outputs); `step0` sets the three step0 categories, `final` final_params and
                    eval_outputs. Defaults 1e-4 / 1e-5.
"""
import argparse, hashlib, json, os, platform, shutil, sys, types
import numpy as np

SIGNALS = [  # (step0/history directory, population attribute after train(), EIANN history attribute)
    ('forward', 'forward_activity', 'activity'),
    ('forward_prev', 'forward_prev_activity', None),
    ('forward_dend', 'forward_dendritic_state', 'forward_dendritic_state'),
    ('backward', 'activity', 'backward_activity'),
    ('backward_prev', 'prev_activity', None),
    ('plateau', 'plateau', 'plateau'),
    ('backward_dend', 'dendritic_state', 'backward_dendritic_state'),
]
KNOWN_SOURCES = {'f5754feb5a7c1919e9003f0381c4d1a2ed4acc878217d64bb31c72ded833c397':
                 'b8b187f9b2250174a6e5e0bd40d84e3dd8e766d3'}  # source_sha256 -> EIANN commit
RULE_STATE = ['theta', 'past_activity', 'past_plateau']  # Supervised_BCM_4 (post), BTSP_19 (pre / post)
CATEGORIES = ['step0_forward', 'step0_backward', 'step0_after', 'final_params', 'eval_outputs']
APPLIES = {'step0_forward': 'step0/dynamics, step0/forward, step0/forward_prev, step0/output',
           'step0_backward': 'step0/forward_dend, step0/backward, step0/backward_prev, step0/plateau, step0/backward_dend',
           'step0_after': 'step0/after/* (parameters and rule state after step 0)',
           'final_params': 'final/*, checkpoints/*, history/* (apical parity uses this category for all long-run arrays)',
           'eval_outputs': 'eval/val_outputs.npy'}


def import_eiann(src):
    sys.path.insert(0, os.path.abspath(src))
    try:
        import skimage.metrics  # noqa: F401  (only EIANN.utils.representation_analysis uses it)
    except ImportError:
        stub = types.ModuleType('skimage'); stub.metrics = types.ModuleType('skimage.metrics')
        sys.modules['skimage'] = stub; sys.modules['skimage.metrics'] = stub.metrics
    import torch, EIANN, EIANN.utils as ut
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    return torch, EIANN, ut


def build_network(EIANN, ut, config_path, seed):
    cfg = ut.convert_config_dict(ut.read_from_yaml(config_path))
    return EIANN.Network(cfg['layer_config'], cfg['projection_config'], seed=seed, **cfg['training_kwargs'])


def load_dataset(torch, ut, args):
    """Returns (train_x, train_y, val_x, val_y, description) as float32 tensors, rows in original index order."""
    if args.dataset == 'spiral':
        def stack(data):
            return torch.stack([d for _, d, _ in data]), torch.stack([t for _, _, t in data])
        tx, ty = stack(ut.generate_spiral_data(arm_size=1400, K=4, sigma=0.16, seed=0, offset=0))
        vx, vy = stack(ut.generate_spiral_data(arm_size=300, seed=1))
        desc = {'name': 'spiral', 'n_train': len(tx), 'n_val_total': len(vx),
                'train': 'EIANN.utils.generate_spiral_data(arm_size=1400, K=4, sigma=0.16, seed=0, offset=0); arm by arm',
                'val': 'EIANN.utils.generate_spiral_data(arm_size=300, seed=1); arm by arm'}
        return tx, ty, vx, vy, desc

    def idx(name):
        raw = open(os.path.join(args.mnist_dir, name), 'rb').read()
        ndim = raw[3]
        dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
        return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)
    images = torch.from_numpy(idx('train-images-idx3-ubyte').reshape(60000, 784).copy()).float().div(255)
    labels = torch.eye(10)[torch.from_numpy(idx('train-labels-idx1-ubyte').astype(np.int64))]
    desc = {'name': 'mnist', 'n_train': 50000, 'n_val_total': 10000,
            'train': 'MNIST training images 0..49999 (IDX files), pixels uint8 -> float32 / 255 (as torchvision '
                     'ToTensor), flattened row-major to 784; targets one-hot torch.eye(10)[label]',
            'val': 'MNIST training images 50000..59999 (EIANN get_MNIST_dataloaders validation split)'}
    return images[:50000], labels[:50000], images[50000:], labels[50000:], desc


def loader(torch, x, y, indices):
    items = [(int(i), x[i], y[i]) for i in indices]
    return torch.utils.data.DataLoader(items, batch_size=1, shuffle=False)


def rule_state(net):
    return {f'{pop.fullname}.{attr}': getattr(pop, attr) for pop in net.populations.values()
            for attr in RULE_STATE if hasattr(pop, attr)}


def params_from_state_dict(net, sd):
    """{file stem: float32 array} of projection weights, learned/included biases and rule state."""
    out = {name: sd[f'module_dict.{name}.weight'] for name in net.projections}
    out.update({f'{p.fullname}.bias': sd[f'parameter_dict.{p.fullname}_bias']
                for p in net.populations.values() if p.include_bias})
    out.update({k[len('rule_state.'):]: v for k, v in sd.items() if k.startswith('rule_state.')})
    return {k: np.array(v.detach().cpu().numpy(), dtype=np.float32, copy=True) for k, v in out.items()}


def with_rule_state_in_state_dict(net):
    """Make state_dict() (which train(store_params=True) records after each step) carry the rule state too."""
    plain = net.state_dict
    def state_dict(*a, **kw):
        sd = plain(*a, **kw)
        for k, v in rule_state(net).items():
            sd['rule_state.' + k] = v.detach().clone()
        return sd
    net.state_dict = state_dict
    return net


def np32(t):
    return np.array(t.detach().cpu().numpy(), dtype=np.float32, copy=True)


class Writer:
    def __init__(self, out):
        self.out, self.files = out, {}

    def save(self, rel, arr, meaning):
        arr = np.ascontiguousarray(arr, dtype=np.float32)
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        np.save(path, arr)
        self.files[rel] = {'shape': list(arr.shape), 'dtype': 'float32', 'meaning': meaning}

    def params(self, d, params, when):
        for name, a in params.items():
            if '.' not in name:
                m = f'weight matrix of projection {name.replace("_", " <- ", 1)}, shape (N_post, N_pre), {when}'
            elif name.endswith('.bias'):
                m = f'bias vector of population {name[:-5]} {when}'
            else:
                m = f'learning-rule state {name} {when}'
            self.save(f'{d}/{name}.npy', a, m)


def describe_network(net):
    def name(o):
        return None if o is None else type(o).__name__
    pops = []
    for p in net.populations.values():
        d = {'name': p.fullname, 'layer': p.layer.name, 'population': p.name, 'size': p.size,
             'is_input': p is net.input_pop, 'is_output': p is net.output_pop, 'include_bias': p.include_bias}
        if p is not net.input_pop:
            d.update({'tau': p.tau,
                      'bias_learning_rule': name(p.bias_learning_rule) if p.bias.is_learned else None,
                      'bias_learning_rate': p.bias_learning_rule.learning_rate if p.bias.is_learned else None,
                      'bias_bounds': p.bias_bounds, 'updated_in_backward_phase': bool(p.backward_projections)})
        pops.append(d)
    projs = []
    for pr in net.projections.values():
        rule = pr.learning_rule
        params = {k: v for k, v in vars(rule).items() if isinstance(v, (int, float, bool, str, type(None)))}
        if hasattr(rule, 'source_pop'):
            params['source'] = rule.source_pop.fullname
        projs.append({'name': pr.name, 'post': pr.post.fullname, 'pre': pr.pre.fullname,
                      'shape': list(pr.weight.shape), 'direction': pr.direction, 'compartment': pr.compartment,
                      'update_phase': pr.update_phase, 'weight_bounds': pr.weight_bounds,
                      'weight_init': pr.weight_init, 'weight_init_args': pr.weight_init_args,
                      'weight_constraint': pr.weight_constraint_name,
                      'weight_constraint_kwargs': getattr(pr, 'weight_constraint_kwargs', None),
                      'learning_rule': name(rule) if pr.weight.is_learned else None})
        if pr.weight.is_learned:
            projs[-1]['learning_rule_params'] = params
    return {'tau': net.tau, 'forward_steps': net.forward_steps, 'backward_steps': net.backward_steps,
            'learning_rate': net.learning_rate, 'input_pop': net.input_pop.fullname,
            'output_pop': net.output_pop.fullname, 'criterion': type(net.criterion).__name__,
            'optimizer': name(net.optimizer),
            'backward_methods_in_order': [m.__qualname__ for m in net.backward_methods],
            'populations': pops, 'projections': projs}


def step0_signals(torch, net):
    """step0/<kind>/<Pop> arrays read from a network that has just trained on one sample."""
    out = {}
    for pop in net.populations.values():
        for kind, attr, _ in SIGNALS:
            if kind == 'backward_dend' and not hasattr(pop, 'plateau'):
                continue
            if hasattr(pop, attr) and isinstance(getattr(pop, attr), torch.Tensor):
                out[f'{kind}/{pop.fullname}'] = np32(getattr(pop, attr))
    return out


def histories(net, steps):
    out, skipped = {}, []
    for pop in net.populations.values():
        if pop is net.input_pop:
            continue
        for kind, _, hist in SIGNALS:
            h = pop.get_attribute_history(hist) if hist else None
            if h is None:
                continue
            if tuple(h.shape) != (steps, pop.size):
                skipped.append(f'{kind}/{pop.fullname}: shape {list(h.shape)}')
                continue
            out[f'{kind}/{pop.fullname}'] = np32(h)
    return out, skipped


def source_sha256(src):
    """The shared fixtures' definition: sha256 over (path relative to the EIANN package, bytes), sorted by path."""
    pkg = os.path.join(src, 'EIANN')
    files = [os.path.join(sub, f) if sub else f for sub in ['', 'rules', 'utils']
             for f in os.listdir(os.path.join(pkg, sub)) if f.endswith('.py')]
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode()); h.update(open(os.path.join(pkg, rel), 'rb').read())
    return h.hexdigest()


def config_source(args):
    """The config's path inside EIANN's source when an identical file is there, else its file name."""
    rel = os.path.join('EIANN', 'network_config', args.dataset, os.path.basename(args.config))
    inside = os.path.join(args.eiann, rel)
    same = os.path.isfile(inside) and open(inside, 'rb').read() == open(args.config, 'rb').read()
    return rel if same else os.path.basename(args.config)


def parse_tolerances(specs):
    tol = {c: [1e-4, 1e-5] for c in CATEGORIES}
    groups = {'step0': CATEGORIES[:3], 'final': CATEGORIES[3:]}
    for spec in specs or []:
        key, val = spec.split('=')
        rtol, atol = (float(v) for v in val.split(','))
        for c in groups.get(key, [key]):
            if c not in tol:
                raise SystemExit(f'unknown tolerance category {c}')
            tol[c] = [rtol, atol]
    return {c: {'rtol': r, 'atol': a, 'applies_to': APPLIES[c]} for c, (r, a) in tol.items()}


def bit_equal(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--eiann', required=True); ap.add_argument('--config', required=True)
    ap.add_argument('--dataset', choices=['spiral', 'mnist'], required=True); ap.add_argument('--mnist-dir')
    ap.add_argument('--steps', type=int, required=True); ap.add_argument('--checkpoint-every', type=int, default=25)
    ap.add_argument('--seed', type=int, default=66049); ap.add_argument('--order-seed', type=int, default=0)
    ap.add_argument('--n-val', type=int, default=200); ap.add_argument('--out', required=True)
    ap.add_argument('--tol', action='append', metavar='CATEGORY=RTOL,ATOL')
    args = ap.parse_args()
    torch, EIANN, ut = import_eiann(args.eiann)
    tolerances = parse_tolerances(args.tol)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    w = Writer(args.out)
    shutil.copyfile(args.config, os.path.join(args.out, 'config.yaml'))

    tx, ty, vx, vy, dataset = load_dataset(torch, ut, args)
    order = np.random.RandomState(args.order_seed).permutation(len(tx))[:args.steps]
    n = len(order)
    w.save('inputs.npy', np32(tx[order]), 'row k = input fed at training step k')
    w.save('targets.npy', np32(ty[order]), 'row k = one-hot target of training step k')
    val_x, val_y = vx[:args.n_val], vy[:args.n_val]
    w.save('eval/val_inputs.npy', np32(val_x), 'first n_val validation inputs')
    w.save('eval/val_targets.npy', np32(val_y), 'their one-hot targets')

    # A: initial parameters, then one train() call over all samples
    net_a = with_rule_state_in_state_dict(build_network(EIANN, ut, args.config, args.seed))
    initial = params_from_state_dict(net_a, net_a.state_dict())
    w.params('initial', initial, 'after Network construction (seeded init, init-time constraint and clone pass)')
    net_a.train(loader(torch, tx, ty, order), epochs=1, samples_per_epoch=n, store_history=True,
                store_dynamics=False, store_params=True, store_params_interval=(0, -1, 1))
    assert list(net_a.param_history_steps) == list(range(-1, n)), 'unexpected param_history steps'
    after = [params_from_state_dict(net_a, sd) for sd in net_a.param_history[1:]]
    loss = np.asarray(net_a.loss_history, dtype=np.float32)
    w.save('history/loss.npy', loss, 'row k = training loss of step k (criterion on the forward output, before the update)')
    hist, hist_skipped = histories(net_a, n)
    for rel, a in hist.items():
        w.save(f'history/{rel}.npy', a, f'row k = {rel.split("/")[0]} of {rel.split("/")[1]} in training step k '
               '(EIANN store_history, single train() call)')
    ckpts = [k for k in range(args.checkpoint_every - 1, n - 1, args.checkpoint_every)]
    for k in ckpts:
        w.params(f'checkpoints/step{k:04d}', after[k], f'after training step {k} (i.e. after {k + 1} samples)')
    final = params_from_state_dict(net_a, net_a.state_dict())
    w.params('final', final, f'after all {n} training steps')
    with torch.no_grad():
        val_out = np32(net_a.forward(val_x, no_grad=True))
    w.save('eval/val_outputs.npy', val_out, 'output of the trained network, one batch forward pass, no learning')

    # B: step-0 dynamics, forward only
    net_b = build_network(EIANN, ut, args.config, args.seed)
    init_b = params_from_state_dict(net_b, with_rule_state_in_state_dict(net_b).state_dict())
    net_b.forward(tx[order[0]], store_dynamics=True)
    dyn = {p.fullname: np32(torch.stack(p.forward_steps_activity)) for p in net_b.populations.values()}
    for pop, a in dyn.items():
        w.save(f'step0/dynamics/{pop}.npy', a, f'(T, size): activity of {pop} after forward steps 1..T, sample 0')

    # C: one-sample train() for step-0 signals and parameters after step 0
    net_c = with_rule_state_in_state_dict(build_network(EIANN, ut, args.config, args.seed))
    init_c = params_from_state_dict(net_c, net_c.state_dict())
    net_c.train(loader(torch, tx, ty, order[:1]), epochs=1, samples_per_epoch=1, store_history=True)
    sig = step0_signals(torch, net_c)
    for rel, a in sig.items():
        w.save(f'step0/{rel}.npy', a, f'{rel.split("/")[0]} of {rel.split("/")[1]} in training step 0')
    output0 = np32(net_c.output_pop.forward_activity)
    w.save('step0/output.npy', output0, 'y of step 0 (forward output, before any update)')
    after0 = params_from_state_dict(net_c, net_c.state_dict())
    w.params('step0/after', after0, 'after step 0 (updates, constraints, rule update())')

    out_pop = net_c.output_pop.fullname
    src_hash = source_sha256(args.eiann)
    checks = {
        'runB_initial_params_bitwise_equal_to_initial': bit_equal(init_b, {k: v for k, v in initial.items()}),
        'runC_initial_params_bitwise_equal_to_initial': bit_equal(init_c, initial),
        'step0_after_bitwise_equal_to_full_run_param_history_step0': bit_equal(after0, after[0]),
        'final_bitwise_equal_to_full_run_param_history_last': bit_equal(final, after[-1]),
        'step0_loss_equals_full_run_loss0': float(net_c.loss_history[0]) == float(loss[0]),
        'dynamics_last_row_bitwise_equal_forward': all(np.array_equal(dyn[p][-1], sig[f'forward/{p}']) for p in dyn),
        'dynamics_second_last_row_bitwise_equal_forward_prev': net_c.forward_steps < 2 or all(
            np.array_equal(dyn[p][-2], sig[f'forward_prev/{p}']) for p in dyn if p != net_c.input_pop.fullname),
        'history_step0_bitwise_equal_step0': {rel: bool(np.array_equal(a[0], sig[rel])) for rel, a in hist.items()
                                              if rel in sig},
    }
    ok = all(v if isinstance(v, bool) else all(v.values()) for v in checks.values())
    manifest = {
        'format_version': 1,
        'reference': {'name': 'EIANN (Galloni et al. 2025)', 'source_dir': os.path.abspath(args.eiann),
                      'commit': KNOWN_SOURCES.get(src_hash, 'unknown (source differs from b8b187f)'),
                      'source_sha256': src_hash,
                      'source_sha256_definition': 'sha256 over (relative path, bytes) of EIANN/*.py, '
                                                  'EIANN/rules/*.py, EIANN/utils/*.py sorted by path',
                      'torch_version': torch.__version__, 'numpy_version': np.__version__,
                      'python_version': platform.python_version(), 'torch_threads': torch.get_num_threads(),
                      'default_dtype': 'float32', 'exporter': 'bench/eiann/export_fixture.py'},
        'config': {'file': 'config.yaml', 'source': config_source(args),
                   'sha256': hashlib.sha256(open(args.config, 'rb').read()).hexdigest(),
                   'loading': 'EIANN.utils.read_from_yaml -> EIANN.utils.convert_config_dict -> '
                              'Network(layer_config, projection_config, seed=network_seed, **training_kwargs)'},
        'network_seed': args.seed, 'dataset': dict(dataset, input_size=tx.shape[1], output_size=ty.shape[1]),
        'steps': n,
        'order': {'method': f'numpy.random.RandomState({args.order_seed}).permutation(n_train)[:steps]; fed in this '
                            'order with DataLoader(batch_size=1, shuffle=False) to one Network.train() call '
                            '(epochs=1, samples_per_epoch=steps, no validation during training)',
                  'order_seed': args.order_seed, 'sample_indices': [int(i) for i in order]},
        'eval': {'n_val': len(val_x), 'val_indices': f'first {len(val_x)} of the validation set',
                 'val_original_indices': [int(i) + (50000 if args.dataset == 'mnist' else 0) for i in range(len(val_x))],
                 'accuracy_percent': float(100.0 * np.mean(val_out.argmax(1) == np32(val_y).argmax(1)))},
        'network': describe_network(net_a),
        'step0': {'sample_index': int(order[0]), 'target_class': int(np32(ty[order[0]]).argmax()),
                  'loss': float(loss[0]), 'loss_definition': 'criterion(y, target) on the forward output before '
                                                             'any update (MSELoss: mean over output units)',
                  'prediction': int(output0.argmax()), 'output_pop': out_pop},
        'training_summary': {'loss_mean_all_steps': float(loss.mean()), 'loss_first': float(loss[0]),
                             'loss_last': float(loss[-1])},
        'checkpoint_steps': ckpts, 'checkpoint_every': args.checkpoint_every,
        'semantics': {
            'training': 'online, batch size 1; step k feeds inputs[k], targets[k]; one Network.train() call '
                        '(store_history=True, store_dynamics=False: EIANN\'s dynamics recording changes the 2L '
                        'backward phase); parameters recorded after every step with store_params',
            'step0': 'from fresh, identically seeded networks: one forward pass with store_dynamics (no learning) '
                     'for step0/dynamics; Network.train() on a one-sample loader for the other step0/ arrays',
            'history': 'only the signals EIANN itself records with store_history (input population omitted)',
            'rule_state': '<Pop>.theta (Supervised_BCM_4, on the post population, set to k at construction), '
                          '<Pop>.past_activity (BTSP_19, on the PRE population) and <Pop>.past_plateau (BTSP_19, '
                          'on the post population; both zeroed by train()) next to the parameters, checkpoints included',
            'history_skipped': hist_skipped},
        'tolerances': dict(tolerances, formula='|x - ref| <= atol + rtol * |ref|, elementwise'),
        'checks': checks, 'checks_all_passed': ok,
        'sensitivity': 'not measured for this fixture (tolerances chosen from the shared fixtures README)',
        'files': w.files,
    }
    with open(os.path.join(args.out, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    print(f'{args.out}: {n} steps, {len(w.files)} arrays, loss {loss[0]:.6f} -> {loss[-1]:.6f}, '
          f'checks {"passed" if ok else "FAILED: " + json.dumps(checks)}')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
