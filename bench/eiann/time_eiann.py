#!/usr/bin/python3
"""Time EIANN's online training (and, optionally, its batched evaluation) on one config, for bench/compare-eiann.sh.

EIANN is imported at run time from --eiann (nothing of it is copied here); the data loading, network construction
and skimage stub are those of export_fixture.py, imported as a module. One thread (torch.set_num_threads(1)),
float32, CPU, batch size 1.

Training: Network.train() over a DataLoader(batch_size=1, shuffle=True, generator=torch.Generator() seeded with
--data-seed), as EIANN's get_MNIST_dataloaders builds it, with samples_per_epoch=--samples and no validation. Apical's
`apical bench --rng eiann --data-seed S` draws the same sample order and EIANN's initial weights from the same
network seed, so both train the same samples from the same start. An untimed warm-up of --warmup samples first
trains a separate, identically built network.

Evaluation (--eval): one forward pass over the whole validation set as one batch plus the loss, as train() does at
every validation checkpoint (the first pass untimed, then repeated for at least 1 s).

Prints one JSON object on stdout.

  /usr/bin/python3 bench/eiann/time_eiann.py --eiann /tmp/eiann-src --config CONFIG.yaml --dataset mnist \\
      --mnist-dir ~/.cache/apical/datasets/mnist --samples 1000 [--seed 66049] [--data-seed 0] [--warmup 50] [--eval]
"""
import argparse, json, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_fixture as ef  # noqa: E402


def train_loader(torch, x, y, data_seed):
    items = [(i, x[i], y[i]) for i in range(len(x))]
    gen = torch.Generator()
    gen.manual_seed(data_seed)
    return torch.utils.data.DataLoader(items, batch_size=1, shuffle=True, generator=gen)


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--eiann', required=True)
    ap.add_argument('--config', required=True)
    ap.add_argument('--dataset', choices=['spiral', 'mnist'], required=True)
    ap.add_argument('--mnist-dir', default=os.path.expanduser('~/.cache/apical/datasets/mnist'))
    ap.add_argument('--samples', type=int, required=True)
    ap.add_argument('--seed', type=int, default=66049)
    ap.add_argument('--data-seed', type=int, default=0)
    ap.add_argument('--warmup', type=int, default=50)
    ap.add_argument('--eval', action='store_true')
    args = ap.parse_args()

    torch, EIANN, ut = ef.import_eiann(args.eiann)
    tx, ty, vx, vy, _ = ef.load_dataset(torch, ut, args)
    if args.warmup > 0:
        warm = ef.build_network(EIANN, ut, args.config, args.seed)
        warm.train(train_loader(torch, tx, ty, args.data_seed + 1), samples_per_epoch=args.warmup)
    net = ef.build_network(EIANN, ut, args.config, args.seed)
    loader = train_loader(torch, tx, ty, args.data_seed)
    wall, cpu = timed(lambda: net.train(loader, samples_per_epoch=args.samples))
    out = {'eiann': os.path.abspath(args.eiann), 'config': args.config, 'dataset': args.dataset,
           'samples': args.samples, 'seed': args.seed, 'data_seed': args.data_seed, 'warmup': args.warmup,
           'torch': torch.__version__, 'torch_threads': torch.get_num_threads(),
           'train_wall_seconds': wall, 'train_cpu_seconds': cpu,
           'train_samples_per_second_wall': args.samples / wall, 'train_samples_per_second_cpu': args.samples / cpu,
           'final_loss_mean_last_100': float(net.loss_history[-100:].mean())}
    if args.eval:
        def evaluate():
            output = net.forward(vx, store_dynamics=False, no_grad=True)
            net.criterion(output, vy).item()
        evaluate()
        runs, ewall, ecpu = 0, 0.0, 0.0
        while runs == 0 or ewall < 1.0:
            w, c = timed(evaluate)
            runs, ewall, ecpu = runs + 1, ewall + w, ecpu + c
        out.update({'eval_samples': len(vx), 'eval_runs': runs, 'eval_wall_seconds': ewall / runs,
                    'eval_cpu_seconds': ecpu / runs, 'eval_samples_per_second_wall': runs * len(vx) / ewall})
    print(json.dumps(out))


if __name__ == '__main__':
    main()
