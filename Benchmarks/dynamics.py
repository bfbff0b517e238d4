#!/usr/bin/env python3
"""Measures how a trial's cost under customer dynamics depends on the customer count; prints the
table of the "Customer dynamics" section of results/BENCHMARKS.md (docs/benchmarks.md).

`scenarios/bench/dynamics.json` (10^5 current customers), `dynamics-10m.json` (the same with 100x
the current customers and 100x every plan's customers per period) and `dynamics-10m` scaled by
100 again (10^9 customers, written to a temporary file) are run as whole processes with one
thread, in turn over RUNS rounds (the order reversed every other round), with the same trials and
seed. Throughput is trials over clvsim's own timing (`run.elapsedSeconds`); the figures are
medians over the rounds, with the load average (1 min) before and after.

Usage: python3 Benchmarks/dynamics.py [CLVSIM]   (default .build/release/clvsim); RUNS (default
5) rounds of TRIALS (default 512) trials each.
"""

import json
import os
import statistics
import sys
import tempfile

import measure

CLVSIM = sys.argv[1] if len(sys.argv) > 1 else measure.CLVSIM
RUNS = int(os.environ.get("RUNS", "5"))
TRIALS = int(os.environ.get("TRIALS", "512"))
WORKLOADS = ["dynamics", "dynamics-10m", "dynamics-1g"]


def scenario_file(workload, folder):
    """The scenario of a workload: a file of scenarios/bench/, or `dynamics-10m` scaled by 100."""
    if workload != "dynamics-1g":
        return measure.workload_file(workload)
    with open(measure.workload_file("dynamics-10m")) as f:
        scenario = json.load(f)
    scenario["name"] = "bench-dynamics-1g"
    for segment in scenario["segments"]:
        segment["customers"] *= 100
    for plan in scenario["acquisition"]:
        plan["customersPerPeriod"] = {k: (v * 100 if k in ("min", "mode", "max") else v)
                                      for k, v in plan["customersPerPeriod"].items()}
    path = os.path.join(folder, "dynamics-1g.json")
    with open(path, "w") as f:
        json.dump(scenario, f)
    return path


def main():
    folder = tempfile.mkdtemp(prefix="clvsim-dynamics-")
    files = {w: scenario_file(w, folder) for w in WORKLOADS}
    rate = {w: [] for w in WORKLOADS}
    cores = {w: [] for w in WORKLOADS}
    peak = {w: [] for w in WORKLOADS}
    load_before = os.getloadavg()[0]
    for r in range(RUNS):
        order = WORKLOADS if r % 2 == 0 else list(reversed(WORKLOADS))
        for w in order:
            text, status, memory, used = measure.run_measured(
                [CLVSIM, "run", files[w], "--trials", str(TRIALS), "--threads", "1", "--seed", "1",
                 "--out", os.path.join(folder, w), "--json", "--quiet"])
            if status != 0:
                raise SystemExit(f"dynamics: clvsim failed on {w}")
            rate[w].append(TRIALS / json.loads(text)["run"]["elapsedSeconds"])
            cores[w].append(used)
            peak[w].append(memory)
        print(f"round {r + 1}/{RUNS} done", file=sys.stderr)
    load_after = os.getloadavg()[0]
    print(f"{TRIALS} trials per run, 1 thread, medians of {RUNS} alternated rounds; load average (1 min) "
          f"{load_before:.2f} before and {load_after:.2f} after.\n")
    print("| workload | current customers | trials/s, 1 thread (median) | rounds (trials/s) | cores obtained | peak RSS |")
    print("|---|---:|---:|---|---:|---:|")
    for w in WORKLOADS:
        with open(files[w]) as f:
            customers = sum(s.get("customers", 0) for s in json.load(f)["segments"])
        print(f"| `{w}` | {customers:,} | {statistics.median(rate[w]):,.1f} | "
              f"{', '.join(f'{x:,.1f}' for x in rate[w])} | {statistics.median(cores[w]):.2f} | "
              f"{max(peak[w]) / 2**20:.0f} MiB |")
    print()
    for a, b, label in [("dynamics", "dynamics-10m", "10⁷ ÷ 10⁵"), ("dynamics-10m", "dynamics-1g", "10⁹ ÷ 10⁷")]:
        ratios = [y / x for x, y in zip(rate[a], rate[b])]
        print(f"- trials/s with {label} customers: {statistics.median(rate[b]) / statistics.median(rate[a]):.3f}× "
              f"(ratio of the medians), {statistics.median(ratios):.3f}× (median of the per-round ratios).")


if __name__ == "__main__":
    main()
