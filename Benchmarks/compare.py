#!/usr/bin/env python3
"""Compares two clvsim binaries on the reference workloads, alternating their runs.

    python3 Benchmarks/compare.py BASE_CLVSIM NEW_CLVSIM [--rounds 5] [--threads 1,2]
                                  [--workloads small,medium,medium-10m,large] [--peer]
                                  [--scenarios FILE[,FILE...]] [--scenario-trials 2000]

For a change to the kernel: build the commit before it beside the new one (a separate checkout
and scratch path) and pass both binaries. In every round and for every workload and thread
count it runs the two binaries one after the other, swapping their order from round to round, so
that a change in the load of a shared machine touches both alike; with --peer it also runs the
NumPy peer (one process, then all) in each round. It prints a Markdown table of medians over the
rounds: trials/s of each binary, the ratio of the medians and the median of the per-round
ratios, and the cores each run obtained (CPU time over wall time). With --scenarios it also
compares the two on scenario files (strategies, windows, dynamics: paths of the kernel the
reference workloads do not take), each with --scenario-trials trials (scaled by SCALE like the
workloads). See docs/benchmarks.md.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402  (run_measured, peer, WORKLOADS, scaled, workload_file)


def scenario_path(workload):
    """A reference workload's scenario file, or the file a scenario workload names."""
    if workload.endswith(".json"):
        return workload
    return measure.workload_file(workload)


def run(binary, workload, trials, threads, folder):
    scenario = scenario_path(workload)
    out = os.path.join(folder, f"{os.getpid()}-{os.path.basename(workload)}-{threads}")
    text, status, peak, cores = measure.run_measured(
        [binary, "run", scenario, "--trials", str(trials), "--threads", str(threads), "--out", out, "--json", "--quiet"])
    if status != 0:
        raise SystemExit(f"compare: {binary} failed on {workload}")
    summary = json.loads(text)
    return trials / summary["run"]["elapsedSeconds"], peak, cores


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--workloads", default="small,medium,medium-10m,large")
    parser.add_argument("--peer", action="store_true", help="also run the NumPy peer in every round")
    parser.add_argument("--scenarios", default="", help="scenario files to compare as well, comma-separated")
    parser.add_argument("--scenario-trials", type=int, default=2000, help="trials per run of each scenario file")
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    chosen = [w for w in args.workloads.split(",") if w]
    known = [w for w, *_ in measure.WORKLOADS]
    unknown = [w for w in chosen if w not in known]
    if unknown:
        raise SystemExit(f"compare: unknown workload {', '.join(unknown)}; the workloads are {', '.join(known)}")
    workloads = [(w, measure.scaled(a), measure.scaled(b), max(1, min(c, measure.scaled(b))))
                 for w, a, b, c in measure.WORKLOADS if w in chosen]
    for path in filter(None, args.scenarios.split(",")):
        if not os.path.isfile(path):
            raise SystemExit(f"compare: no scenario file {path}")
        # No peer: it models only the reference workloads.
        workloads.append((path, measure.scaled(args.scenario_trials), 0, 0))
    folder = tempfile.mkdtemp(prefix="clvsim-compare-")
    rate, cores, peak, peer_rate = {}, {}, {}, {}
    load_before = os.getloadavg()
    for r in range(args.rounds):
        for workload, trials, peer_trials, batch in workloads:
            for t in threads:
                order = [("base", args.base), ("new", args.new)]
                if r % 2:
                    order.reverse()
                for name, binary in order:
                    value, memory, used = run(binary, workload, trials, t, folder)
                    rate.setdefault((name, workload, t), []).append(value)
                    cores.setdefault((name, workload, t), []).append(used)
                    peak.setdefault((name, workload, t), []).append(memory)
                if args.peer and peer_trials and t in (1, max(threads)):
                    value, _, _ = measure.peer(workload, peer_trials, batch, t, None)
                    peer_rate.setdefault((workload, t), []).append(value)
            print(f"round {r + 1}/{args.rounds}: {workload} done", file=sys.stderr)
    load_after = os.getloadavg()
    print(f"Medians of {args.rounds} alternating rounds; load average (1 min) {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after.\n")
    print("| workload | threads | base trials/s | new trials/s | new ÷ base (medians) | median of per-round ratios "
          "| new ÷ base per CPU-second | cores obtained, base / new | peak RSS, base / new |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    for workload, *_ in workloads:
        for t in threads:
            b, n = rate[("base", workload, t)], rate[("new", workload, t)]
            ratios = [y / x for x, y in zip(b, n)]
            cb, cn = cores[("base", workload, t)], cores[("new", workload, t)]
            # Trials per CPU-second: trials/s over the cores the run obtained.
            cpu = statistics.median([(y / c2) / (x / c1) for x, y, c1, c2 in zip(b, n, cb, cn)])
            print(f"| `{workload}` | {t} | {statistics.median(b):,.1f} | {statistics.median(n):,.1f} | "
                  f"{statistics.median(n) / statistics.median(b):.2f}× | {statistics.median(ratios):.2f}× | {cpu:.2f}× | "
                  f"{statistics.median(cores[('base', workload, t)]):.2f} / {statistics.median(cores[('new', workload, t)]):.2f} | "
                  f"{max(peak[('base', workload, t)]) / 2**20:.0f} / {max(peak[('new', workload, t)]) / 2**20:.0f} MiB |")
    print()
    for workload, *_ in workloads:
        for t in threads:
            b, n = statistics.median(rate[("base", workload, t)]), statistics.median(rate[("new", workload, t)])
            if t != threads[0]:
                b1 = statistics.median(rate[("base", workload, threads[0])])
                n1 = statistics.median(rate[("new", workload, threads[0])])
                print(f"- `{workload}` {threads[0]}→{t} threads: base {b / b1:.2f}×, new {n / n1:.2f}× "
                      f"(cores obtained at {t}: base {statistics.median(cores[('base', workload, t)]):.2f}, "
                      f"new {statistics.median(cores[('new', workload, t)]):.2f})")
    if peer_rate:
        print()
        print("| workload | processes | peer trials/s | base ÷ peer | new ÷ peer |")
        print("|---|---:|---:|---:|---:|")
        for (workload, t), values in sorted(peer_rate.items()):
            p = statistics.median(values)
            print(f"| `{workload}` | {t} | {p:,.1f} | {statistics.median(rate[('base', workload, t)]) / p:.2f}× | "
                  f"{statistics.median(rate[('new', workload, t)]) / p:.2f}× |")


if __name__ == "__main__":
    main()
