#!/usr/bin/env python3
"""The clvsim model in NumPy, vectorised over trials: the benchmark peer and an independent check.

This is the model of docs/model.md written the way an analyst fluent in NumPy would write it,
with the same exact aggregate algorithm as clvsim's kernel and its own random numbers
(numpy.random.Generator, PCG64):

* every uncertain input is drawn once per trial (an array of shape (trials,));
* a cohort (customers of one segment acquired in one period by one route) is thinned step by
  step, survivors ~ Binomial(active, q) with q the renewal probability at that tenure (for sBG
  the population probability (beta + n - 1)/(alpha + beta + n - 1); current customers use
  renewal numbers renewals + 1, renewals + 2, ...);
* the customers whose lifetime ends at step j carry a spend-multiplier total
  Gamma(ending * k, 1/k), and the active total at step j is the sum over later groups;
* the new customers of a segment in period t bring Poisson(K * new) referrals cyclePeriods later.

Each of those steps is one NumPy call on arrays of shape (trials,), in batches of trials so that
memory stays bounded. The peer reads the same scenario files as clvsim and supports the subset
of the format the benchmark workloads use: every retention model, revenue variation and growth,
service cost, budget and customer-count plans, referrals (also into another segment) and the
distribution families fixed, uniform, triangular, pert, normal (truncated), lognormal, gamma,
beta, poisson, discrete and empirical. It does not model correlations or strategies.

Usage:
  numpy_clv.py SCENARIO --trials N [--seed S] [--batch B] [--processes P] [--compare clvsim-summary.json] [--json]

With --compare it checks that the means of customerEquity, its four components and every
segment's clv agree with clvsim's within 4 combined standard errors, prints each comparison and
exits with status 1 if one does not.
"""

import argparse
import json
import math
import sys
import time

import numpy as np


# ----------------------------------------------------------------------------------------------
# Distributions: a scenario `Dist` drawn once per trial.

def canonical(dist):
    """A `Dist` (number or object) as (family, parameters) in canonical form."""
    if isinstance(dist, (int, float)):
        return ("fixed", {"value": float(dist)})
    family = dist["dist"]
    p = {k: v for k, v in dist.items() if k != "dist"}
    if family == "gamma" and "mean" in p:
        m, s = p["mean"], p["sd"]
        return ("gamma", {"shape": (m / s) ** 2, "scale": s * s / m})
    if family == "beta" and "mean" in p:
        m, s = p["mean"], p["sd"]
        nu = m * (1 - m) / (s * s) - 1
        return ("beta", {"alpha": m * nu, "beta": (1 - m) * nu})
    return (family, p)


def draw(dist, size, rng):
    """`size` independent draws of a `Dist`."""
    family, p = canonical(dist)
    if family == "fixed":
        return np.full(size, float(p["value"]))
    if family == "uniform":
        return rng.uniform(p["min"], p["max"], size)
    if family == "triangular":
        return rng.triangular(p["min"], p["mode"], p["max"], size)
    if family == "pert":
        a, m, b = p["min"], p["mode"], p["max"]
        w = b - a
        return a + w * rng.beta(1 + 4 * (m - a) / w, 1 + 4 * (b - m) / w, size)
    if family == "normal":
        lo, hi = p.get("min", -np.inf), p.get("max", np.inf)
        x = rng.normal(p["mean"], p["sd"], size)
        bad = (x < lo) | (x > hi)
        while bad.any():  # rejection: exact truncation
            x[bad] = rng.normal(p["mean"], p["sd"], int(bad.sum()))
            bad = (x < lo) | (x > hi)
        return x
    if family == "lognormal":
        m, s = p["mean"], p["sd"]
        sigma2 = math.log1p((s / m) ** 2)
        return rng.lognormal(math.log(m) - 0.5 * sigma2, math.sqrt(sigma2), size)
    if family == "gamma":
        return rng.gamma(p["shape"], p["scale"], size)
    if family == "beta":
        return rng.beta(p["alpha"], p["beta"], size)
    if family == "poisson":
        return rng.poisson(p["mean"], size).astype(float)
    if family == "discrete":
        w = np.asarray(p["weights"], float)
        return rng.choice(np.asarray(p["values"], float), size, p=w / w.sum())
    if family == "empirical":
        return rng.choice(np.asarray(p["samples"], float), size)
    raise SystemExit(f"numpy_clv: distribution '{family}' is not supported")


# ----------------------------------------------------------------------------------------------
# One batch of trials.

CURRENT, PLAN, REFERRAL, SPEND = range(4)


class Segment:
    """A segment's per-trial inputs and per-step schedules, arrays of shape (trials, H)."""

    def __init__(self, spec, horizon, periods_per_year, size, rng):
        self.name = spec["name"]
        self.customers = int(spec.get("customers", 0))
        renewals = int(spec.get("renewals", 0))
        revenue = np.maximum(draw(spec["revenue"], size, rng), 0)
        growth = np.maximum(draw(spec.get("revenueGrowth", 0), size, rng), -1 + 1e-12)
        margin = np.clip(draw(spec.get("margin", 1), size, rng), 0, 1)
        self.service = np.maximum(draw(spec.get("serviceCost", 0), size, rng), 0)[:, None]
        retention = spec["retention"]
        model = retention["model"]
        if model == "constant":
            rate = np.clip(draw(retention["rate"], size, rng), 0, 1)[:, None]
            probability = lambda n: np.broadcast_to(rate, (size, n.size))
        elif model == "sbg":
            alpha = draw(retention["alpha"], size, rng)[:, None]
            beta = draw(retention["beta"], size, rng)[:, None]
            probability = lambda n: (beta + n - 1) / (alpha + beta + n - 1)
        elif model == "curve":
            rates = np.asarray(retention["rates"], float)
            scale = np.maximum(draw(retention.get("scale", 1), size, rng), 0)[:, None]
            probability = lambda n: np.clip(rates[np.minimum(n, rates.size) - 1] * scale, 0, 1)
        else:
            raise SystemExit(f"numpy_clv: retention model '{model}' is not supported")
        referrals = spec.get("referrals")
        self.k = np.maximum(draw(referrals["coefficient"], size, rng), 0) if referrals else np.zeros(size)
        self.cycle = int(referrals["cyclePeriods"]) if referrals else 0
        self.into = referrals.get("into", self.name) if referrals else self.name
        self.shape = spec.get("revenueVariation", {}).get("shape")

        steps = np.arange(horizon)
        log_growth = (np.log1p(growth) / periods_per_year)[:, None]
        base = (revenue * margin)[:, None]
        self.new_renewal = np.ones((size, horizon))
        self.new_renewal[:, 1:] = probability(steps[1:])
        self.new_margin = base * np.exp(log_growth * steps)
        self.current_renewal = np.array(probability(renewals + 1 + steps), dtype=float)
        self.current_margin = base * np.exp(log_growth * (renewals + 1 + steps))


def simulate_batch(scenario, size, rng):
    """Per-trial metrics of `size` trials: a dict of arrays of shape (size,)."""
    horizon = int(scenario["horizonPeriods"])
    ppy = int(scenario.get("periodsPerYear", 12))
    rate = np.maximum(draw(scenario["annualDiscountRate"], size, rng), -1 + 1e-12)
    segments = [Segment(s, horizon, ppy, size, rng) for s in scenario["segments"]]
    index = {s.name: i for i, s in enumerate(segments)}

    plan_arrivals = np.zeros((len(segments), size, horizon), np.int64)
    referral_arrivals = np.zeros((len(segments), size, horizon), np.int64)
    cash = np.zeros((4, size, horizon))
    for plan in scenario.get("acquisition", []):
        s = index[plan["segment"]]
        lo, hi = max(1, plan["fromPeriod"]), min(horizon, plan["toPeriod"])
        if "budgetPerPeriod" in plan:
            budget = np.maximum(draw(plan["budgetPerPeriod"], size, rng), 0)
            cac = np.maximum(draw(plan["cac"], size, rng), np.finfo(float).tiny)
            customers = np.floor(budget / cac).astype(np.int64)
            cash[SPEND, :, lo - 1:hi] += budget[:, None]
        else:
            customers = np.floor(np.maximum(draw(plan["customersPerPeriod"], size, rng), 0)).astype(np.int64)
        if lo <= hi:
            plan_arrivals[s, :, lo - 1:hi] += customers[:, None]

    def cohort(kind, s, t0, count):
        seg = segments[s]
        steps = horizon - t0 + 1
        renewal = seg.current_renewal if kind == CURRENT else seg.new_renewal
        margin = seg.current_margin if kind == CURRENT else seg.new_margin
        counts = np.zeros((size, steps), np.int64)
        last = -1
        for j in range(steps):
            count = rng.binomial(count, renewal[:, j])
            if not count.any():
                break
            counts[:, j] = count
            last = j
        if last < 0:
            return
        counts = counts[:, :last + 1]
        row = cash[kind, :, t0 - 1:t0 + last]
        if seg.shape is None:
            row += (margin[:, :last + 1] - seg.service) * counts
            return
        # Lifetime groups: the customers active at step j but not j + 1 share one Gamma total.
        ending = counts.copy()
        ending[:, :-1] -= counts[:, 1:]
        totals = np.empty((size, last + 1))
        total = np.zeros(size)
        inverse = 1 / seg.shape
        for j in range(last, -1, -1):
            total += rng.gamma(ending[:, j] * seg.shape, inverse)
            totals[:, j] = total
        row += margin[:, :last + 1] * totals - seg.service * counts

    for s, seg in enumerate(segments):
        if seg.customers > 0:
            cohort(CURRENT, s, 1, np.full(size, seg.customers, np.int64))
    for t in range(1, horizon + 1):
        for s, seg in enumerate(segments):
            acquired = plan_arrivals[s, :, t - 1]
            referred = referral_arrivals[s, :, t - 1]
            new = acquired + referred
            if not new.any():
                continue
            if seg.cycle > 0 and t + seg.cycle <= horizon and seg.k.any():
                referral_arrivals[index[seg.into], :, t + seg.cycle - 1] += rng.poisson(seg.k * new)
            if acquired.any():
                cohort(PLAN, s, t, acquired)
            if referred.any():
                cohort(REFERRAL, s, t, referred)

    per_period = (1 + rate) ** (1 / ppy) - 1
    v = 1 / (1 + per_period)
    offset = 1 if scenario.get("cashFlowTiming", "start") == "start" else 0
    discount = v[:, None] ** (np.arange(1, horizon + 1) - offset)
    values = np.einsum("cth,th->ct", cash, discount)
    metrics = {
        "currentCustomerValue": values[CURRENT],
        "newCustomerValue": values[PLAN],
        "referralValue": values[REFERRAL],
        "acquisitionSpend": values[SPEND],
    }
    metrics["customerEquity"] = values[CURRENT] + values[PLAN] + values[REFERRAL] - values[SPEND]
    # clv: the exact expected discounted value of one new customer acquired in period 1.
    vk = v[:, None] ** np.arange(horizon)
    for seg in segments:
        survival = np.cumprod(seg.new_renewal, axis=1)
        metrics[f"segments.{seg.name}.clv"] = discount[:, 0] * np.sum(survival * (seg.new_margin - seg.service) * vk, axis=1)
    return metrics


def accumulate(scenario, trials, seed, batch):
    """Sums and sums of squares of every metric over `trials` trials drawn from `seed`."""
    rng = np.random.Generator(np.random.PCG64(seed))
    sums, squares, n = {}, {}, 0
    while n < trials:
        size = min(batch, trials - n)
        for name, x in simulate_batch(scenario, size, rng).items():
            sums[name] = sums.get(name, 0.0) + float(np.sum(x))
            squares[name] = squares.get(name, 0.0) + float(np.sum(x * x))
        n += size
    return sums, squares


def _accumulate(arguments):
    return accumulate(*arguments)


def run(scenario, trials, seed, batch, processes=1):
    """Means and standard errors of every metric over `trials` trials, and the elapsed seconds.

    With several processes the trials are split evenly and each process draws from its own
    independent stream (numpy.random.SeedSequence.spawn).
    """
    start = time.perf_counter()
    if processes <= 1:
        parts = [accumulate(scenario, trials, np.random.SeedSequence(seed), batch)]
    else:
        import multiprocessing
        seeds = np.random.SeedSequence(seed).spawn(processes)
        shares = [trials // processes + (1 if i < trials % processes else 0) for i in range(processes)]
        with multiprocessing.Pool(processes) as pool:
            parts = pool.map(_accumulate, [(scenario, n, s, batch) for n, s in zip(shares, seeds) if n > 0])
    elapsed = time.perf_counter() - start
    summary = {}
    for name in parts[0][0]:
        total = sum(p[0][name] for p in parts)
        square = sum(p[1][name] for p in parts)
        mean = total / trials
        variance = max(square - trials * mean * mean, 0.0) / (trials - 1) if trials > 1 else 0.0
        summary[name] = {"mean": mean, "standardError": math.sqrt(variance / trials)}
    return summary, elapsed


def clvsim_metric(summary, name):
    """The Stat of metric `name` in a clvsim summary JSON."""
    if name.startswith("segments."):
        segment, field = name[len("segments."):].rsplit(".", 1)
        for entry in summary["segments"]:
            if entry["name"] == segment:
                return entry[field]
        return None
    return summary["metrics"].get(name)


def compare(peer, clvsim):
    """Rows (metric, peer mean, clvsim mean, difference in combined standard errors, agrees)."""
    rows = []
    for name, stat in peer.items():
        other = clvsim_metric(clvsim, name)
        if other is None:
            continue
        se = math.hypot(stat["standardError"], other["standardError"])
        difference = stat["mean"] - other["mean"]
        scale = max(abs(stat["mean"]), abs(other["mean"]), 1.0)
        z = abs(difference) / se if se > 0 else (0.0 if abs(difference) <= 1e-9 * scale else math.inf)
        rows.append((name, stat["mean"], other["mean"], z, z < 4))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--trials", type=int, required=True)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--batch", type=int, default=4096, help="trials per vectorised batch")
    parser.add_argument("--processes", type=int, default=1, help="worker processes (trials split evenly)")
    parser.add_argument("--compare", help="clvsim summary JSON to check the means against")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    with open(args.scenario) as f:
        scenario = json.load(f)
    if scenario.get("correlations") or scenario.get("strategies"):
        print("numpy_clv: correlations and strategies are not modelled by the peer", file=sys.stderr)
    summary, elapsed = run(scenario, args.trials, args.seed, args.batch, args.processes)
    result = {"scenario": scenario["name"], "trials": args.trials, "elapsedSeconds": elapsed,
              "trialsPerSecond": args.trials / elapsed, "processes": args.processes, "numpy": np.__version__, "metrics": summary}
    agree = True
    if args.compare:
        with open(args.compare) as f:
            rows = compare(summary, json.load(f))
        result["agreement"] = [{"metric": r[0], "peerMean": r[1], "clvsimMean": r[2],
                                "standardErrors": r[3], "agrees": r[4]} for r in rows]
        agree = all(r[4] for r in rows)
        result["agrees"] = agree
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{scenario['name']}: {args.trials} trials in {elapsed:.2f} s ({args.trials / elapsed:.1f} trials/s)")
        for name, stat in summary.items():
            print(f"  {name}: {stat['mean']:.6g} ± {stat['standardError']:.3g}")
        for name, p, c, z, ok in (rows if args.compare else []):
            print(f"  {'ok ' if ok else 'BAD'} {name}: peer {p:.6g}, clvsim {c:.6g}, |diff| = {z:.2f} SE")
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
