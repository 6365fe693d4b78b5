#!/usr/bin/env bash
# Times EIANN (PyTorch, one thread) and Apical on the same config, data and samples, in one session, both pinned
# to one core, and prints training samples/s of both and their ratio (and evaluation of the validation set).
#
# usage: bench/compare-eiann.sh CONFIG DATASET SAMPLES
#   CONFIG   EIANN network config (YAML)
#   DATASET  mnist or spiral
#   SAMPLES  training samples timed (a fresh network from step 0, no validation)
# environment:
#   EIANN_SRC      EIANN source directory (default /tmp/eiann-src; extracted from MIRROR when absent)
#   MIRROR         bare EIANN repository (default /work/.mirror/Milstein-Lab+EIANN/repo)
#   EIANN_SAMPLES  samples for EIANN when it is too slow for SAMPLES (default SAMPLES); the ratio is of rates
#   PYTHON         Python with PyTorch (default /usr/bin/python3)
#   CORE           the core both run on (default 0)
#   OUT            directory for eiann.json, apical.json, apical.txt (default: a new temporary directory)
#   MNIST_DIR      MNIST IDX files for EIANN (default ~/.cache/apical/datasets/mnist, where `apical data fetch mnist` puts them)
#   NETWORK_SEED, DATA_SEED  (default 66049 and 0)
set -euo pipefail
[ $# -eq 3 ] || { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
config=$(realpath "$1"); dataset=$2; samples=$3
eiann_samples=${EIANN_SAMPLES:-$samples}
src=${EIANN_SRC:-/tmp/eiann-src}
mirror=${MIRROR:-/work/.mirror/Milstein-Lab+EIANN/repo}
python=${PYTHON:-/usr/bin/python3}
core=${CORE:-0}
out=${OUT:-$(mktemp -d -t compare-eiann.XXXXXX)}
nseed=${NETWORK_SEED:-66049}; dseed=${DATA_SEED:-0}
mkdir -p "$out"

if [ ! -d "$src/EIANN" ]; then
  [ -d "$mirror" ] || { echo "no EIANN source in $src and no mirror at $mirror" >&2; exit 2; }
  mkdir -p "$src" && git -C "$mirror" archive HEAD EIANN | tar -x -C "$src"
fi
"$root/apical" --version >/dev/null  # builds Apical first if needed, outside the measurement

echo "EIANN:  $eiann_samples samples of $(basename "$config") on $dataset, core $core ..." >&2
taskset -c "$core" "$python" "$root/bench/eiann/time_eiann.py" --eiann "$src" --config "$config" --dataset "$dataset" \
  --mnist-dir "${MNIST_DIR:-$HOME/.cache/apical/datasets/mnist}" --samples "$eiann_samples" --seed "$nseed" --data-seed "$dseed" --eval >"$out/eiann.json"
echo "Apical: $samples samples, core $core ..." >&2
taskset -c "$core" "$root/apical" bench "$config" --dataset "$dataset" --samples "$samples" --rng eiann \
  --network-seed "$nseed" --data-seed "$dseed" --threads 1 --out "$out/apical.json" >"$out/apical.txt" 2>&1

"$python" - "$out" <<'PY'
import json, os, subprocess, sys
out = sys.argv[1]
e = json.load(open(os.path.join(out, 'eiann.json')))
a = json.load(open(os.path.join(out, 'apical.json')))
cpu = next((l.split(':', 1)[1].strip() for l in subprocess.run(['lscpu'], capture_output=True, text=True).stdout.splitlines()
            if l.startswith('Model name')), 'unknown CPU')
at, ae = a['training'], a['evaluation']
print(f"config   {os.path.basename(e['config'])}\ndataset  {e['dataset']}\nmachine  {cpu}, one core each "
      f"(taskset), torch {e['torch']} with {e['torch_threads']} thread, Java {a['provenance']['java_version']}")
print(f"{'':28}{'EIANN':>12}{'Apical':>12}{'ratio':>9}")
print(f"{'training samples':28}{e['samples']:>12,}{at['samples']:>12,}")
print(f"{'training samples/s (wall)':28}{e['train_samples_per_second_wall']:>12,.1f}{at['samples_per_second_wall']:>12,.1f}"
      f"{at['samples_per_second_wall'] / e['train_samples_per_second_wall']:>8.1f}x")
print(f"{'training samples/s (CPU)':28}{e['train_samples_per_second_cpu']:>12,.1f}{at['samples_per_second_cpu']:>12,.1f}"
      f"{at['samples_per_second_cpu'] / e['train_samples_per_second_cpu']:>8.1f}x")
print(f"{'eval samples/s':28}{e['eval_samples_per_second_wall']:>12,.0f}{ae['samples_per_second_wall']:>12,.0f}"
      f"{ae['samples_per_second_wall'] / e['eval_samples_per_second_wall']:>8.1f}x   ({e['eval_samples']:,} validation samples; "
      f"EIANN batched, Apical {ae.get('method', 'batched').replace('_', ' ')})")
same = e['samples'] == at['samples']
print(f"{'mean loss, last 100 samples':28}{e['final_loss_mean_last_100']:>12.5f}{at['mean_loss_last_100']:>12.5f}"
      + ("" if same else "   (different sample counts)"))
print(f"results  {out}")
PY
