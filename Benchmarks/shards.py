#!/usr/bin/env python3
"""Measures shards and merge on the `medium` workload; prints the "Shards and merge" section of
results/BENCHMARKS.md (docs/distributed.md, docs/benchmarks.md).

1. Shard cost: the whole run of T trials against shards I/N of it, each a whole process
   (start-up, reading the scenario, simulating, writing its file), alternated over RUNS rounds;
   medians. Target: a shard of 1/N costs at most 1/N of the whole run + 5%.
2. Merge time and memory: a real shard of `medium` (10,000 trials: shard 0 of a run of T) is
   copied into the other N − 1 shards of a run of T trials, each copy's header naming its own
   index and trial range. The values repeat every 10,000 trials, which is all the merge's
   cost does not depend on: it reads, sorts and writes every value of every column as for a
   real run. Merges of 10^6 trials (with trials.csv) and of 10^7 trials (--no-trials) are timed,
   and the merge's peak resident set is read with getrusage.

Usage: python3 Benchmarks/shards.py [CLVSIM]   (default .build/release/clvsim); RUNS=5 for
more rounds, SCALE=0.1 for a quick check (fewer trials).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLVSIM = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "clvsim")
SCENARIO = os.path.join(ROOT, "scenarios", "bench", "medium.json")
RUNS = int(os.environ.get("RUNS", "5"))
SCALE = float(os.environ.get("SCALE", "1"))
MAGIC = b"CLVSHRD1"


def timed(arguments):
    """Runs clvsim; returns (wall seconds, peak resident set of that process in MiB)."""
    start = time.perf_counter()
    child = subprocess.Popen([CLVSIM] + arguments, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"clvsim {' '.join(arguments)} exited {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def read_shard(path):
    data = open(path, "rb").read()
    assert data[:8] == MAGIC
    length = int.from_bytes(data[8:16], "little")
    header = json.loads(data[16:16 + length].decode("utf-8"))
    start = (16 + length + 7) // 8 * 8
    return header, data[start:]


def write_shard(path, header, body):
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    prefix = MAGIC + len(text).to_bytes(8, "little") + text
    prefix += b"\0" * ((-len(prefix)) % 8)
    with open(path, "wb") as f:
        f.write(prefix)
        f.write(body)


def synthetic_run(folder, trials, count, threads):
    """Shards of a run of `trials` trials, each a copy of real shard 0 of `count` shards."""
    os.makedirs(folder, exist_ok=True)
    subprocess.run([CLVSIM, "run", SCENARIO, "--trials", str(trials), "--shard", f"0/{count}",
                    "--threads", str(threads), "--out", folder, "--quiet"], check=True)
    first = os.path.join(folder, f"shard-0-of-{count}.clvshard")
    header, data = read_shard(first)
    columns = len(header["columns"]["metrics"]) + len(header["columns"]["inputs"])
    size = header["run"]["count"]
    body = data[:8 * size * columns]
    for i in range(1, count):
        lower, upper = i * trials // count, (i + 1) * trials // count
        assert upper - lower == size, "choose a trial count divisible by the shard count"
        h = json.loads(json.dumps(header))
        h["run"]["index"], h["run"]["firstTrial"], h["run"]["count"] = i, lower, size
        h["series"]["trials"] = 0
        h["diagnostics"]["trials"] = size
        write_shard(os.path.join(folder, f"shard-{i}-of-{count}.clvshard"), h, body)
    return 8 * size * columns * count


def main():
    threads = os.cpu_count() or 1
    lines = ["## Shards and merge", ""]
    lines.append(f"Measured by `Benchmarks/shards.py` on `medium` with {threads} threads per process, "
                 f"{RUNS} alternated rounds, medians; wall time of whole processes (start-up, reading the "
                 "scenario, simulating, writing the shard file or the results).")
    lines.append("")
    work = tempfile.mkdtemp(prefix="clvsim-shard-bench-")
    try:
        total, count = int(8192 * SCALE) // 64 * 64 or 64, 4
        rounds = {"whole": [], "first": [], "last": []}
        for _ in range(RUNS):
            rounds["whole"].append(timed(["run", SCENARIO, "--trials", str(total), "--threads", str(threads),
                                          "--out", os.path.join(work, "whole"), "--quiet", "--no-trials"])[0])
            rounds["first"].append(timed(["run", SCENARIO, "--trials", str(total), "--shard", f"0/{count}",
                                          "--threads", str(threads), "--out", os.path.join(work, "s"), "--quiet"])[0])
            rounds["last"].append(timed(["run", SCENARIO, "--trials", str(total), "--shard", f"{count - 1}/{count}",
                                         "--threads", str(threads), "--out", os.path.join(work, "s"), "--quiet"])[0])
        whole = statistics.median(rounds["whole"])
        lines += ["| run | trials | median s | share of the whole run | target |", "|---|---:|---:|---:|---|"]
        lines.append(f"| whole run | {total:,} | {whole:.3f} | 1 | |")
        for key, name in (("first", f"shard 0/{count}"), ("last", f"shard {count - 1}/{count}")):
            m = statistics.median(rounds[key])
            share = m / whole
            ok = "yes" if share <= 1 / count + 0.05 else "no"
            lines.append(f"| {name} | {total // count:,} | {m:.3f} | {share:.3f} | ≤ {1 / count + 0.05:.3f}: {ok} |")
        lines.append("")

        for trials, shards, csv in ((int(1_000_000 * SCALE), 100, True), (int(10_000_000 * SCALE), 1000, False)):
            folder = os.path.join(work, f"merge-{trials}")
            data = synthetic_run(os.path.join(folder, "shards"), trials, shards, threads)
            times, peaks = [], []
            for _ in range(max(1, RUNS // 2) if trials >= 10_000_000 * SCALE else RUNS):
                args = ["merge", os.path.join(folder, "shards"), "--out", os.path.join(folder, "out"), "--quiet"]
                t, peak = timed(args + ([] if csv else ["--no-trials"]))
                times.append(t)
                peaks.append(peak)
            what = "with trials.csv" if csv else "--no-trials"
            lines.append(f"- merge of {trials:,} trials ({shards} shards, {data / 2**20:,.0f} MiB of per-trial values, "
                         f"{what}): median {statistics.median(times):.1f} s over {len(times)} runs; peak resident set "
                         f"{max(peaks):,.0f} MiB.")
            shutil.rmtree(folder)
        lines.append("")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
