#!/usr/bin/env python3
"""Measures clvsim on the reference workloads and writes the workload sections of BENCHMARKS.md.

Called by Benchmarks/run.sh after the release build; see docs/benchmarks.md. For each round
(RUNS rounds) and each workload it runs, in this order, clvsim with 1 thread, the NumPy peer
with 1 process, clvsim with 2 … all threads and the peer with all processes, so that a drift in
the load of a shared machine touches both sides of every ratio alike. Figures are medians over
the rounds. Throughput is trials over the simulation's own elapsed time (clvsim's
`run.elapsedSeconds`, the peer's timing of its batches); peak memory is each process's maximum
resident set (getrusage of the child).
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# CLVSIM (environment) names another build of clvsim, e.g. one in a separate scratch path.
CLVSIM = os.environ.get("CLVSIM") or os.path.join(ROOT, ".build", "release", "clvsim")
PEER = os.path.join(ROOT, "Benchmarks", "peers", "numpy_clv.py")

# (workload, clvsim trials per timed run, peer trials per timed run, peer batch)
WORKLOADS = [
    ("small", 16384, 16384, 4096),
    ("medium", 4096, 4096, 4096),
    ("medium-10m", 4096, 0, 0),
    ("large", 512, 256, 256),
    # Customer dynamics (recency, billing cycles, migration): the peer does not model them.
    ("dynamics", 512, 0, 0),
    ("dynamics-10m", 512, 0, 0),
]
MEMORY_TRIALS = [16384, 65536]
# SCALE (environment) multiplies every trial count, e.g. SCALE=0.05 for a quick check of the harness.
SCALE = float(os.environ.get("SCALE", "1"))


def scaled(trials):
    return max(64, int(trials * SCALE)) if trials else 0


def run_measured(arguments):
    """Runs a command; returns (stdout text, exit status, peak RSS in bytes, cores used), where
    cores used is the child's CPU time (user + system) over its wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(arguments, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, error = out.read().decode(), err.read().decode(errors="replace")
    if process.returncode not in (0, 1):
        sys.stderr.write(error)
        raise SystemExit(f"measure: {' '.join(arguments)} failed with status {process.returncode}")
    return text, process.returncode, usage.ru_maxrss * 1024, (usage.ru_utime + usage.ru_stime) / wall


def workload_file(workload):
    """The scenario file of a reference workload: scenarios/bench/<workload>.json."""
    return os.path.join(ROOT, "scenarios", "bench", workload + ".json")


def clvsim(workload, trials, threads, folder):
    scenario = workload_file(workload)
    out = os.path.join(folder, f"{workload}-{threads}")
    text, status, peak, cores = run_measured([CLVSIM, "run", scenario, "--trials", str(trials), "--threads", str(threads),
                                       "--out", out, "--json", "--quiet"])
    if status != 0:
        raise SystemExit(f"measure: clvsim failed on {workload}")
    summary = json.loads(text)
    path = os.path.join(folder, f"{workload}-{threads}.json")
    with open(path, "w") as f:
        f.write(text)
    return trials / summary["run"]["elapsedSeconds"], peak, path, cores


def peer(workload, trials, batch, processes, compare_with):
    scenario = workload_file(workload)
    arguments = [sys.executable, PEER, scenario, "--trials", str(trials), "--batch", str(batch),
                 "--processes", str(processes), "--json"]
    if compare_with:
        arguments += ["--compare", compare_with]
    text, _, peak, _ = run_measured(arguments)
    result = json.loads(text)
    return result["trialsPerSecond"], peak, result


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = 0
    try:
        with open("/proc/meminfo") as f:
            memory = int(f.readline().split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    import numpy
    return {"cores": os.cpu_count() or 1, "model": model, "memory": memory, "system": f"{platform.system()} {platform.machine()}",
            "swift": swift[0] if swift else "unknown", "numpy": numpy.__version__, "python": platform.python_version()}


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    rounds = int(os.environ.get("RUNS", "3"))
    workloads = [(w, scaled(a), scaled(b), max(1, min(c, scaled(b)))) for w, a, b, c in WORKLOADS]
    memory_trials = [scaled(t) for t in MEMORY_TRIALS]
    cores = os.cpu_count() or 1
    threads = list(range(1, cores + 1))
    info = machine()
    load_before = os.getloadavg()
    started = time.time()
    folder = tempfile.mkdtemp(prefix="clvsim-bench-")
    rate = {}    # (workload, threads) -> [trials/s]
    peak = {}    # (workload, threads) -> [bytes]
    cores_used = {}  # (workload, threads) -> [CPU time / wall time of the process]
    peer_rate = {}  # (workload, processes) -> [trials/s]
    peer_peak = {}
    agreement = {}  # workload -> peer result with agreement rows (first round)
    for r in range(rounds):
        for workload, trials, peer_trials, batch in workloads:
            for t in threads:
                value, memory, path, used = clvsim(workload, trials, t, folder)
                rate.setdefault((workload, t), []).append(value)
                cores_used.setdefault((workload, t), []).append(used)
                peak.setdefault((workload, t), []).append(memory)
                if peer_trials and t in (1, cores):
                    compare = path if (r == 0 and t == cores) else None
                    value, memory, result = peer(workload, peer_trials, batch, t, compare)
                    peer_rate.setdefault((workload, t), []).append(value)
                    peer_peak.setdefault((workload, t), []).append(memory)
                    if compare:
                        agreement[workload] = result
            print(f"round {r + 1}/{rounds}: {workload} done", file=sys.stderr)
    memory_rows = []
    for trials in memory_trials:
        value, memory, _, _ = clvsim("medium", trials, cores, folder)
        memory_rows.append((trials, memory))
        print(f"memory: medium with {trials} trials done", file=sys.stderr)
    load_after = os.getloadavg()
    minutes = (time.time() - started) / 60

    lines = []
    emit = lines.append
    emit("## Workloads\n")
    emit(f"Generated by `Benchmarks/run.sh` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} "
         f"({minutes:.1f} minutes). Release build; medians of {rounds} rounds. Each round runs, per workload, "
         "clvsim with 1 thread, the NumPy peer with 1 process, clvsim with 2 … all threads and the peer with "
         "all processes, so that a change in the load of the machine touches both sides of a ratio alike. "
         "Throughput is trials over each program's own timing of its simulation (clvsim's `run.elapsedSeconds`, "
         "which includes the summary statistics; the peer's time over its batches). See "
         "[docs/benchmarks.md](../docs/benchmarks.md) for the workloads and how to read the tables.\n")
    emit(f"Machine: {info['cores']} cores, CPU \"{info['model']}\", {info['memory'] / 2**30:.0f} GiB memory, "
         f"{info['system']}; {info['swift']}; Python {info['python']}, NumPy {info['numpy']}. "
         f"Load average (1 min) {load_before[0]:.2f} before the run and {load_after[0]:.2f} after it "
         "(the machine is shared: other processes compete for the same cores).\n")

    emit("### Throughput and scaling\n")
    header = "| workload | segments × periods | " + " | ".join(f"trials/s, {t} thread{'s' if t > 1 else ''}" for t in threads)
    header += " | " + " | ".join(f"efficiency at {t} (best round)" for t in threads[1:])
    header += " | " + " | ".join(f"cores obtained at {t}" for t in threads[1:])
    header += " | µs per trial per (segment × period), 1 thread | peak RSS |"
    emit(header)
    emit("|" + "---|" * (header.count("|") - 1))
    shapes = {}
    for workload, trials, _, _ in workloads:
        with open(workload_file(workload)) as f:
            scenario = json.load(f)
        cells = len(scenario["segments"]) * scenario["horizonPeriods"]
        customers = sum(s.get("customers", 0) for s in scenario["segments"])
        shapes[workload] = (cells, customers)
        single = median(rate[(workload, 1)])
        row = f"| `{workload}` ({trials} trials, {customers:,} customers) | {len(scenario['segments'])} × {scenario['horizonPeriods']} | "
        row += " | ".join(f"{median(rate[(workload, t)]):,.1f}" for t in threads)
        if threads[1:]:
            row += " | " + " | ".join(f"{median(rate[(workload, t)]) / (t * single):.2f} ({max(rate[(workload, t)]) / (t * max(rate[(workload, 1)])):.2f})"
                                      for t in threads[1:])
            row += " | " + " | ".join(f"{median(cores_used[(workload, t)]):.2f}" for t in threads[1:])
        row += f" | {1e6 / single / cells:.2f} | {max(peak[(workload, cores)]) / 2**20:.0f} MiB |"
        emit(row)
    emit("")
    emit("Efficiency at T threads is (trials/s at T) / (T × trials/s at 1): 1.00 is perfect scaling; in "
         "parentheses the same from the best round at each thread count. \"Cores obtained\" is the process's "
         "CPU time over its wall time: on a machine shared with other work a run with T threads may get fewer "
         "than T cores, and then its efficiency measures the machine's load, not the kernel.\n")

    emit("### Peer: the same model in NumPy\n")
    emit("`Benchmarks/peers/numpy_clv.py`: the same exact aggregate algorithm, vectorised over trials "
         "(every draw is one NumPy call on an array of shape (trials,)), with NumPy's own generator; "
         "with P processes the trials are split evenly over a multiprocessing pool.\n")
    emit("| workload | peer trials/s, 1 process | clvsim trials/s, 1 thread | ratio | "
         f"peer trials/s, {cores} processes | clvsim trials/s, {cores} threads | ratio | clvsim ÷ single-process peer at {cores} threads |")
    emit("|---|---:|---:|---:|---:|---:|---:|---:|")
    for workload, _, peer_trials, _ in workloads:
        if not peer_trials:
            continue
        p1, pn = median(peer_rate[(workload, 1)]), median(peer_rate[(workload, cores)])
        c1, cn = median(rate[(workload, 1)]), median(rate[(workload, cores)])
        emit(f"| `{workload}` | {p1:,.1f} | {c1:,.1f} | {c1 / p1:.2f}× | {pn:,.1f} | {cn:,.1f} | {cn / pn:.2f}× | {cn / p1:.2f}× |")
    emit("")

    emit("### Agreement of the peer with clvsim\n")
    emit("The peer's means against clvsim's (run with all threads in the first round), in combined "
         "standard errors |peer − clvsim| / √(SE²peer + SE²clvsim). Agreement means below 4.\n")
    emit("| workload | metric | peer mean | clvsim mean | difference (SE) | agrees |")
    emit("|---|---|---:|---:|---:|---|")
    all_agree = True
    for workload, _, peer_trials, _ in workloads:
        if workload not in agreement:
            continue
        for row in agreement[workload]["agreement"]:
            all_agree &= row["agrees"]
            emit(f"| `{workload}` | `{row['metric']}` | {row['peerMean']:.6g} | {row['clvsimMean']:.6g} | "
                 f"{row['standardErrors']:.2f} | {'yes' if row['agrees'] else '**no**'} |")
    emit("")
    emit(f"Result: {'every metric agrees' if all_agree else '**some metric disagrees**'} on "
         f"{', '.join(w for w in agreement)}.\n")

    emit("### Peak memory and the customer count\n")
    emit("Peak resident set of `clvsim run` on the medium workload with all threads, by trial count. "
         "A run keeps every trial's metrics and inputs (8 bytes each) for the percentiles, so memory "
         "grows linearly with trials; the line through these points gives the estimate for 10⁶ trials.\n")
    emit("| trials | peak RSS |")
    emit("|---:|---:|")
    for trials, memory in memory_rows:
        emit(f"| {trials:,} | {memory / 2**20:.0f} MiB |")
    (t0, m0), (t1, m1) = memory_rows[0], memory_rows[-1]
    slope = (m1 - m0) / (t1 - t0)
    estimate = m0 + slope * (1_000_000 - t0)
    emit(f"\nEstimate for 10⁶ trials: {estimate / 2**20:.0f} MiB ({slope:.0f} bytes per trial).\n")

    c10m = median(rate[("medium-10m", 1)])
    cm = median(rate[("medium", 1)])
    emit("### Targets\n")
    p1, pn = median(peer_rate[("medium", 1)]), median(peer_rate[("medium", cores)])
    c1, cn = median(rate[("medium", 1)]), median(rate[("medium", cores)])
    large_cost = 1 / median(rate[("large", 1)]) / shapes["large"][0]
    medium_cost = 1 / cm / shapes["medium"][0]
    efficiency = median(rate[("medium", min(2, cores))]) / (min(2, cores) * c1)
    best_efficiency = max(rate[("medium", min(2, cores))]) / (min(2, cores) * max(rate[("medium", 1)]))
    obtained = median(cores_used[("medium", min(2, cores))])
    targets = [
        ("clvsim ≥ 10× the NumPy peer on `medium` with both cores",
         f"{cn / p1:.2f}× the single-process peer, {cn / pn:.2f}× the {cores}-process peer", cn / p1 >= 10),
        ("clvsim ≥ 5× the NumPy peer on `medium`, single-threaded", f"{c1 / p1:.2f}×", c1 / p1 >= 5),
        ("≥ 1.8× from 1 to 2 threads (`medium`)",
         f"{2 * efficiency:.2f}× (median), {2 * best_efficiency:.2f}× (best rounds); the 2-thread runs obtained "
         f"{obtained:.2f} cores", 2 * efficiency >= 1.8),
        ("`large` cost per trial per (segment × period) within 3× of `medium`'s",
         f"{large_cost / medium_cost:.2f}×", large_cost / medium_cost <= 3),
        ("`medium` with 10⁷ customers costs what `medium` with 10⁵ costs",
         f"{c10m:,.1f} vs {cm:,.1f} trials/s at 1 thread ({c10m / cm:.2f}×)", c10m / cm > 0.5),
        ("`dynamics` with 10⁷ customers within 2× the cost with 10⁵ (the cost is bounded; small cohorts die out sooner)",
         f"{median(rate[('dynamics-10m', 1)]):,.1f} vs {median(rate[('dynamics', 1)]):,.1f} trials/s at 1 thread "
         f"({median(rate[('dynamics-10m', 1)]) / median(rate[('dynamics', 1)]):.2f}×)",
         median(rate[("dynamics-10m", 1)]) / median(rate[("dynamics", 1)]) > 0.5),
        ("10⁶ trials of `medium` in well under 1 GiB", f"{estimate / 2**20:.0f} MiB (estimated)", estimate < 2**30 * 0.75),
    ]
    emit("| target | measured | met |")
    emit("|---|---|---|")
    for name, value, met in targets:
        emit(f"| {name} | {value} | {'yes' if met else '**no**'} |")
    emit("")
    print("\n".join(lines))
    if not all_agree:
        print("measure: the peer disagrees with clvsim on some metric", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
