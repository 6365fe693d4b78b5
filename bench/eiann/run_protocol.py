#!/usr/bin/python3
"""Run EIANN's own training protocol on one config and print its accuracy, for side-by-side checks with
`apical train ... --rng eiann` (which reproduces EIANN's initial weights and sample order for the same seeds).

EIANN is imported at run time from --eiann (nothing of it is copied here). Protocol (eiann-spec 9, 10.2): one
epoch of --samples online samples from a shuffling DataLoader whose generator is seeded with --data-seed just
before train(); network built with seed --network-seed; validation every 100 steps over the last 1,000
(val_interval (-1000, -1, 100)) on the whole validation set as one batch; accuracy = mean validation accuracy of
those checkpoints.

Usage:
  /usr/bin/python3 bench/eiann/run_protocol.py --eiann /tmp/eiann-src --config CONFIG.yaml \\
      --dataset mnist --mnist-dir ~/.cache/apical/datasets/mnist --samples 20000 \\
      --network-seed 66049 --data-seed 257
"""
import argparse, json, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_fixture as ef  # noqa: E402  (shares EIANN import, network building and data loading)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--eiann', required=True)
    ap.add_argument('--config', required=True)
    ap.add_argument('--dataset', choices=['spiral', 'mnist'], required=True)
    ap.add_argument('--mnist-dir')
    ap.add_argument('--samples', type=int, required=True)
    ap.add_argument('--network-seed', type=int, default=66049)
    ap.add_argument('--data-seed', type=int, default=257)
    args = ap.parse_args()
    torch, EIANN, ut = ef.import_eiann(args.eiann)
    tx, ty, vx, vy, _ = ef.load_dataset(torch, ut, args)
    train = [(i, tx[i], ty[i]) for i in range(len(tx))]
    generator = torch.Generator()
    train_loader = torch.utils.data.DataLoader(train, batch_size=1, shuffle=True, generator=generator)
    val = [(i, vx[i], vy[i]) for i in range(len(vx))]
    val_loader = torch.utils.data.DataLoader(val, batch_size=len(val), shuffle=False)
    net = ef.build_network(EIANN, ut, args.config, args.network_seed)
    generator.manual_seed(args.data_seed)
    start = time.perf_counter()
    net.train(train_loader, val_loader, epochs=1, val_interval=(-1000, -1, 100), samples_per_epoch=args.samples)
    seconds = time.perf_counter() - start
    steps = [int(s) for s in net.val_history_train_steps]
    accs = [float(a) for a, s in zip(net.val_accuracy_history, steps) if s >= args.samples - 1000]
    print(json.dumps({'config': args.config, 'network_seed': args.network_seed, 'data_seed': args.data_seed,
                      'samples': args.samples, 'checkpoints': steps, 'accuracy': sum(accs) / len(accs),
                      'seconds': seconds}, indent=1))


if __name__ == '__main__':
    main()
