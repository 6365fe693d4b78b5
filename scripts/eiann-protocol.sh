#!/usr/bin/env bash
# Trains CONFIG with EIANN's five published seed pairs (network 66049..66053, data 257..261) and prints
# each run's accuracy (mean validation accuracy over the last 1,000 steps), its final test accuracy, and
# the mean and SEM over the five runs (SEM = population std / sqrt(5), as EIANN's tables).
#
#   scripts/eiann-protocol.sh CONFIG [apical train options...]
#   e.g. scripts/eiann-protocol.sh net.yaml --rng eiann --split optimization
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 CONFIG [apical train options...]" >&2; exit 2; }
config=$1; shift
out=$(mktemp -d "${TMPDIR:-/tmp}/apical-protocol.XXXXXX")
printf '%-6s %-8s %-6s %10s %10s %12s\n' seed network data accuracy test samples/s
for i in 1 2 3 4 5; do
  ns=$((66048 + i)); ds=$((256 + i))
  if ! "$root/apical" train "$config" --network-seed "$ns" --data-seed "$ds" --no-progress --out "$out/run$i" "$@" \
       >"$out/run$i.log" 2>&1; then
    cat "$out/run$i.log" >&2
    exit 1
  fi
  summary="$out/run$i/metrics/summary.json"
  acc=$(sed -n 's/^ *"accuracy" : \([0-9.eE+-]*\),*$/\1/p' "$summary")
  test=$(sed -n 's/^ *"test_accuracy" : \([0-9.eE+-]*\),*$/\1/p' "$summary")
  sps=$(sed -n 's/^ *"train_samples_per_second" : \([0-9.eE+-]*\),*$/\1/p' "$summary")
  printf '%-6s %-8s %-6s %10.2f %10.2f %12.0f\n' "$i" "$ns" "$ds" "$acc" "$test" "$sps"
  echo "$acc $test" >> "$out/acc.txt"
done
awk '{a+=$1; aa+=$1*$1; t+=$2; tt+=$2*$2; n++} END {
  ma=a/n; mt=t/n; sa=sqrt(aa/n-ma*ma); st=sqrt(tt/n-mt*mt);
  printf "mean   %24.2f %10.2f\nsem    %24.2f %10.2f\n", ma, mt, sa/sqrt(n), st/sqrt(n) }' "$out/acc.txt"
echo "runs in $out"
