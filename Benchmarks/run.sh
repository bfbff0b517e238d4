#!/usr/bin/env bash
# Builds clvsim in release mode and measures it on the reference workloads (scenarios/bench/):
# trials/s at 1, 2, … all cores, scaling efficiency, peak memory, and the NumPy peer
# (Benchmarks/peers/numpy_clv.py) run alternately with clvsim, whose means it also checks.
# Writes results/BENCHMARKS.md: the measured sections are regenerated; the hand-written "Shards and
# merge", "Strategies and optimisation", "Customer dynamics", "Profile", "Kernel parts" and
# "Samplers" sections are kept. About 8–13 minutes on 2 cores.
#
#   Benchmarks/run.sh             # 3 rounds (medians of 3)
#   RUNS=5 Benchmarks/run.sh      # more rounds
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash .ci/setup
if ! python3 -c 'import numpy' >/dev/null 2>&1; then
  echo "run.sh: installing numpy" >&2
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null \
      || python3 -m pip install --quiet numpy
  else
    python3 -m pip install --user --quiet numpy || python3 -m pip install --user --quiet --break-system-packages numpy
  fi
fi
swift build -c release --product clvsim >&2

out="results/BENCHMARKS.md"
workloads="$(mktemp)"
trap 'rm -f "$workloads"' EXIT
status=0
python3 Benchmarks/measure.py > "$workloads" || status=$?
if [ "$status" -ne 0 ] && [ ! -s "$workloads" ]; then
  echo "run.sh: the measurement failed (status $status); $out is unchanged" >&2
  exit "$status"
fi

# Keep everything of the existing file from "## Shards and merge" (Benchmarks/shards.py),
# "## Strategies and optimisation", "## Customer dynamics", "## Profile", "## Kernel parts" or
# "## Samplers" on.
samplers=""
if [ -f "$out" ]; then
  samplers="$(awk '/^## (Shards and merge|Strategies and optimisation|Customer dynamics|Profile|Kernel parts|Samplers)/{keep=1} keep' "$out")"
fi
{
  echo "# Benchmarks"
  echo
  cat "$workloads"
  if [ -n "$samplers" ]; then
    echo
    echo "$samplers"
  fi
} > "$out"
echo "run.sh: wrote $out" >&2
if [ "$status" -ne 0 ]; then
  echo "run.sh: the NumPy peer disagrees with clvsim on some metric (see the agreement table)" >&2
fi
exit "$status"
