import CLVRandom

/// Cohorts of segments with dynamics (recency, billing cycles, migration), simulated by exact
/// aggregate draws on their `CustomerChain` (docs/model.md "How the state chains are simulated").
///
/// A cohort is a vector of counts over the chain's states. Each period, the customers of each
/// state are split among the state's outcomes by conditional binomials (a multinomial draw,
/// `Sampler.multinomial`'s scheme), so that the counts are distributed exactly as customers
/// moving one by one. With spend variation the cohort also carries, per state, the total spend
/// multiplier of its customers: the n customers start with a total G ~ Gamma(n·k, 1/k), and when
/// the c of a state's x customers take an outcome their share of the state's total is
/// G·B with B ~ Beta(c·k, (x − c)·k) — given their total, the multipliers of a random subset are
/// a Beta split of it, and a customer's outcomes never depend on their multiplier. Where
/// customers with different histories share a state (purchasers of every recency, migrants,
/// pool arrivals), the state keeps one total for all of them: the counts, each state's total and
/// the means and covariances of all cash flows stay exact, higher joint moments are approximate
/// (docs/model.md "How the state chains are simulated", step 2, "What is exact and what is not").
///
/// When no state's probabilities or cash depend on tenure (constant or recency retention and no
/// revenue growth in every segment the chain reaches, whatever the regimes), customers in the same
/// state in the same period are interchangeable whenever they were acquired, so the new customers
/// of a segment join one pool per origin (plan, referral) in their period of acquisition with
/// their multiplier totals: a sum of independent multinomials with the same probabilities is one
/// multinomial, and Gamma totals add. One chain per pool then costs O(H · states) draws per
/// trial instead of O(H² · states).
///
/// - Complexity: per cohort (or pool) and period, O(states + outcomes) binomial draws (and as
///   many Beta draws with spend variation), independent of the number of customers.
extension TrialSimulator {
    /// Simulates a cohort of a segment with a chain: `count` customers of kind `kind` (all in
    /// the state of a new customer, or one group of current customers) from period `t0`.
    mutating func simulateChainCohort(_ kind: CohortKind, chain: CustomerChain, startPeriod t0: Int, count n: Int,
                                      trial: Int) {
        let scenario = model.scenario
        let s = chain.origin
        if kind != .current, chainPooled[s], let pool = poolIndex(kind, segment: s), chainPoolJoined[pool] <= Self.poolLimit - n {
            chainPoolJoined[pool] += n
            chainPoolArrivals[pool * horizon + t0 - 1] += n
            if let variation = model.spendVariation[s] {
                var rng = RandomStream(seed: seed, trial: trial, purpose: kind.multiplierPurpose, s, t0, 0)
                chainPoolArrivalTotals[pool * horizon + t0 - 1] += variation.total(of: n, using: &rng)
            }
            return
        }
        if kind == .current {
            for (g, group) in chain.currentGroups(scenario.segments[chain.origin]).enumerated() where group.count > 0 {
                runChain(kind, chain: chain, group: g + 1, startPeriod: 1, state: group.state, count: group.count,
                         tenure: group.tenure, renewsFirst: group.renewsFirst, trial: trial)
            }
        } else {
            runChain(kind, chain: chain, group: t0, startPeriod: t0, state: 0, count: n, tenure: 0, renewsFirst: false, trial: trial)
        }
    }

    /// Decides for each segment with a chain whether its new customers are pooled in this trial:
    /// whether every segment the chain reaches keeps its probabilities and cash whatever the
    /// tenure in every regime (constant or recency retention, no revenue growth).
    ///
    /// - Complexity: O(regimes · Σ chain states).
    mutating func startChainPools() {
        for i in chainPoolArrivals.indices { chainPoolArrivals[i] = 0; chainPoolArrivalTotals[i] = 0 }
        for i in chainPoolJoined.indices { chainPoolJoined[i] = 0 }
        for (s, chain) in model.chains.enumerated() {
            guard let chain else { chainPooled[s] = false; continue }
            chainPooled[s] = poolsCohorts && regimes.allSatisfy { chain.isTenureFree($0.segments) }
        }
    }

    /// Runs the pool of each kind of each pooled chain from period 1, its arrivals joining the
    /// chain's entry state in their period of acquisition (`simulateChainCohort`). A pool's draws
    /// use the chain's stream with group 0 (no cohort is acquired in period 0).
    ///
    /// - Complexity: O(H · (states + outcomes)) draws per non-empty pool.
    mutating func simulateChainPools(trial: Int) {
        for (s, chain) in model.chains.enumerated() where chainPooled[s] {
            guard let chain else { continue }
            for kind in [CohortKind.plan, .referral] {
                guard let pool = poolIndex(kind, segment: s), chainPoolJoined[pool] > 0 else { continue }
                runChain(kind, chain: chain, group: 0, startPeriod: 1, state: 0, count: 0, tenure: 0, renewsFirst: false,
                         trial: trial, arrivals: pool * horizon)
            }
        }
    }

    /// One group of a cohort: `count` customers in `state` in period `t0` (or, with
    /// `renewsFirst`, in `state` the period before, taking its outcomes first), at tenure
    /// `tenure` in period t0. Adds their active counts to their states' segments, and their cash
    /// to the row of their kind and to the origin segment's value. With `arrivals` (the offset of
    /// a pool in `chainPoolArrivals`), the customers arriving in each period join `state` then.
    ///
    /// The scratch (`chainCounts`, `chainTotals`, `outcomeValues`, `outcomeNext`) is used through
    /// buffer pointers taken once per call, not written as arrays, whose every write checks that
    /// the array is not shared (results/BENCHMARKS.md, "Customer dynamics").
    ///
    /// - Complexity: O(H · (states + outcomes)) arithmetic and at most one binomial (and, with
    ///   spend variation, one Beta) draw per state and outcome per period.
    private mutating func runChain(_ kind: CohortKind, chain: CustomerChain, group: Int, startPeriod t0: Int, state: Int,
                                   count n: Int, tenure: Int, renewsFirst: Bool, trial: Int, arrivals: Int? = nil) {
        let scenario = model.scenario
        let states = chain.stateCount
        let s = chain.origin
        let variation = model.spendVariation[s]
        let monotone = model.monotoneThinning[s]
        let row = kind.component.row * horizon
        let recencyOffset = model.recencyStateOffset[s]
        let outcomeCapacity = outcomeNext.count
        var draws = 0
        chainCounts.withUnsafeMutableBufferPointer { counts in
            chainTotals.withUnsafeMutableBufferPointer { totals in
                outcomeValues.withUnsafeMutableBufferPointer { values in
                    outcomeNext.withUnsafeMutableBufferPointer { nextStates in
                        // This period's counts and totals from offset `now`, the next period's from `then`.
                        var now = 0, then = states
                        for i in 0..<states { counts[i] = 0; totals[i] = 0 }
                        counts[state] = n
                        if let variation, n > 0 {
                            var rng = RandomStream(seed: seed, trial: trial, purpose: kind.multiplierPurpose,
                                                   s, group, 0)
                            totals[state] = variation.total(of: n, using: &rng)
                        }
                        let probability = values.baseAddress!, outcomeMargin = values.baseAddress! + outcomeCapacity
                        // Step −1 (a renewal before period t0) only moves customers; steps 0 … H − t0 are
                        // periods.
                        for j in (renewsFirst ? -1 : 0)...(horizon - t0) {
                            let period = t0 + j
                            if let arrivals {
                                counts[now + state] += chainPoolArrivals[arrivals + period - 1]
                                totals[now + state] += variation == nil
                                    ? 0 : chainPoolArrivalTotals[arrivals + period - 1]
                            }
                            let parameters = regimes[regimeOfPeriod[max(1, period) - 1]].segments
                            // A purchase happens in its period; a renewal at the start of the next period,
                            // under that period's parameters (docs/strategies.md "Effects that are uncertain
                            // or time-bound").
                            let outcomeParameters = chain.isRecency
                                ? parameters : regimes[regimeOfPeriod[min(horizon, period + 1) - 1]].segments
                            let k = tenure + j
                            let isPeriod = j >= 0
                            let last = period == horizon
                            var rng = RandomStream(seed: seed, trial: trial, purpose: kind.chainPurpose, s, group, j + 1)
                            var anyone = false
                            for i in 0..<states { counts[then + i] = 0; totals[then + i] = 0 }
                            var cash = 0.0
                            for i in 0..<states {
                                let x = counts[now + i]
                                guard x > 0 else { continue }
                                anyone = true
                                let total = variation == nil ? Double(x) : totals[now + i]
                                if isPeriod {
                                    let d = chain.stateSegment[i]
                                    active[d * horizon + period - 1] += Double(x)
                                    if let offset = recencyOffset {
                                        stateActive[(offset + i) * horizon + period - 1] += Double(x)
                                    }
                                    cash += chain.stateMargin(i, tenure: k, parameters, periodsPerYear: scenario.periodsPerYear)
                                        * total - chain.stateService(i, parameters) * Double(x)
                                }
                                // Past the horizon only outcomes that pay in the last period matter.
                                if last && !chain.isRecency { continue }
                                let outcomes = chain.outcomes(i, tenure: k, outcomeParameters, scenario: scenario,
                                                              probability: probability, next: nextStates.baseAddress!,
                                                              margin: outcomeMargin)
                                draws += Self.split(x, total: total, among: outcomes, probability: probability,
                                                    next: nextStates.baseAddress!, margin: outcomeMargin,
                                                    into: counts.baseAddress! + then, totals: totals.baseAddress! + then,
                                                    shape: variation?.shape, monotone: monotone, cash: &cash, paid: isPeriod,
                                                    using: &rng)
                            }
                            if isPeriod && cash != 0 {
                                cashFlow[row + period - 1] += cash
                                segmentCash[s * horizon + period - 1] += cash
                            }
                            guard anyone || arrivals != nil, !last else { break }
                            swap(&now, &then)
                        }
                    }
                }
            }
        }
        #if DEBUG
        drawCounts.binomial += draws
        #endif
    }

    /// Splits the x customers of one state, with multiplier total `total`, among its `outcomes`
    /// (probabilities, next states −1 = lost, and margins per unit of multiplier): the customers
    /// of outcome o are Binomial(remaining, p_o / (mass left)), the last outcome takes the rest (a
    /// multinomial draw, `Sampler.multinomial`'s scheme); with spend variation of shape k their
    /// share of the total is a Beta(c·k, (remaining − c)·k) split of what is left. Adds each
    /// outcome's customers and share to the next period's `counts` and `totals` at its next state,
    /// and, when `paid`, its margin times share to `cash`. Returns the binomial draws made.
    ///
    /// - Complexity: O(outcomes) draws.
    @inline(__always)
    static func split(_ x: Int, total: Double, among outcomes: Int, probability: UnsafePointer<Double>,
                      next: UnsafePointer<Int>, margin: UnsafePointer<Double>, into counts: UnsafeMutablePointer<Int>,
                      totals: UnsafeMutablePointer<Double>, shape: Double?, monotone: Bool, cash: inout Double,
                      paid: Bool, using rng: inout RandomStream) -> Int {
        var draws = 0
        var remaining = x
        var remainingTotal = total
        var remainingMass = 1.0
        for o in 0..<outcomes where remaining > 0 {
            let p = probability[o]
            var c = remaining
            if o < outcomes - 1 {
                let q = remainingMass > 0 ? min(1, max(0, p / remainingMass)) : 1
                if q <= 0 {
                    c = 0
                } else if q < 1 {
                    c = monotone
                        ? Sampler.binomialQuantile(rng.nextOpenUnit(), count: remaining, probability: q)
                        : Sampler.binomial(count: remaining, probability: q, using: &rng)
                    draws += 1
                }
            }
            remainingMass -= p
            guard c > 0 else { continue }
            var share = Double(c)
            if let shape {
                share = c == remaining ? remainingTotal
                    : remainingTotal * Sampler.beta(alpha: Double(c) * shape, beta: Double(remaining - c) * shape, using: &rng)
                remainingTotal -= share
            }
            remaining -= c
            if paid { cash += margin[o] * share }
            if next[o] >= 0 {
                counts[next[o]] += c
                totals[next[o]] += share
            }
        }
        return draws
    }
}
