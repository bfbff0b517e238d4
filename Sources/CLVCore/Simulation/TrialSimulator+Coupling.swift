import CLVRandom

/// What the simulator keeps for coupled strategy simulation: the baseline's recorded draws and,
/// while a strategy's world is simulated, its stream key and the arrivals of its joint pools.
struct CouplingState {
    /// Whether `simulate` records the baseline's draws (on when the model has a strategy with
    /// changes; recording changes no draw).
    var records = false
    /// Whether strategies are simulated coupled to the baseline's draws; off, each strategy's
    /// world is simulated alone with the baseline's stream keys (common random numbers only).
    /// Set by `TrialRunner` from `SimulationOptions.couplesStrategies` (off by default).
    var couplesStrategies = true
    /// Whether the trial being simulated is the baseline's and is recorded.
    var recording = false
    var draws: BaselineDraws
    /// The strategy being simulated coupled to `draws`, by its stream key; nil otherwise.
    var key: UInt64?
    /// Per joint pool, period t at `pool · H + t − 1`: customers alive in both worlds, and in the
    /// strategy's only, who join the pool in period t; and all who joined in the trial.
    var poolBoth: [Int]
    var poolStrategyOnly: [Int]
    var poolJoined: [Int]

    init(segmentCount: Int, horizon: Int) {
        draws = BaselineDraws(segmentCount: segmentCount, horizon: horizon)
        poolBoth = [Int](repeating: 0, count: 2 * segmentCount * horizon)
        poolStrategyOnly = poolBoth
        poolJoined = [Int](repeating: 0, count: 2 * segmentCount)
    }

    /// The stream key of a strategy, from its name: reordering strategies changes no draw.
    static func key(strategy name: String) -> UInt64 { StreamKey.path("strategies.\(name)") }
}

/// Coupled simulation of a strategy's world (docs/strategies.md "How coupling works, and what it
/// buys"): every cohort, pool and referral draw of the strategy is made conditionally on the
/// baseline's draw for the same role (`BaselineDraws`), with `CoupledThinning`, so that the two
/// worlds share each customer's renewals as far as their probabilities allow, while the
/// strategy's world alone keeps exactly the distribution it has when simulated alone.
///
/// The strategy's extra draws come from the coupled purposes of `StreamPurpose`, keyed by the
/// run's seed combined with the strategy's name (`CouplingState.key(strategy:)`), never by its
/// position. Spend multipliers are drawn per ending group from the same streams as when the
/// strategy is simulated alone.
///
/// - Complexity: as `simulate(trial:parameters:)`, plus one hypergeometric draw per step of a
///   cohort in which both worlds have customers alive in one world only.
extension TrialSimulator {
    /// Prepares the trial: starts the baseline's record, or decides whether the strategy with
    /// key `key` can be coupled to the recorded baseline of this trial. It can unless a segment
    /// pools in the baseline from step j* (`SegmentSchedule.newStableStep`) while the strategy's
    /// renewal probability or margin still change after j* in some regime
    /// (`stablePoolStep(segment:)`) — a property of the trial's parameters only; such a trial
    /// simulates the strategy alone (exact, only less coupled).
    mutating func startCoupling(trial: Int, key: UInt64?) {
        coupling.key = nil
        coupling.recording = key == nil && coupling.records
        guard let key else {
            if coupling.recording { coupling.draws.begin(trial: trial, schedules: schedules) }
            return
        }
        guard coupling.couplesStrategies, coupling.records, coupling.draws.trial == trial else { return }
        for s in schedules.indices where poolsCohorts && model.spendVariation[s] == nil {
            guard let stable = coupling.draws.schedules[s].newStableStep else { continue }
            guard let own = stablePoolStep(segment: s), own <= stable else { return }
        }
        coupling.key = key
        for i in coupling.poolBoth.indices { coupling.poolBoth[i] = 0; coupling.poolStrategyOnly[i] = 0 }
        for i in coupling.poolJoined.indices { coupling.poolJoined[i] = 0 }
    }

    /// The baseline's renewal probability of step j of a cohort of `kind` in segment s — the one
    /// place the coupled simulation reads it.
    @inline(__always)
    func baselineRenewal(_ kind: CohortKind, segment s: Int, step j: Int) -> Double {
        let schedule = coupling.draws.schedules[s]
        return kind == .current ? schedule.currentRenewal[j] : schedule.newRenewal[j]
    }

    /// The strategy's renewal probability of step j of the cohort of `kind`, segment s, start
    /// period t0: the renewal decided in period t0 + j, under that period's regime — the one
    /// place the coupled simulation reads it for cohorts.
    @inline(__always)
    func strategyRenewal(_ kind: CohortKind, segment s: Int, startPeriod t0: Int, step j: Int) -> Double {
        let schedule = regimeSchedules[regimeOfPeriod[t0 - 1 + j]][s]
        return kind == .current ? schedule.currentRenewal[j] : schedule.newRenewal[j]
    }

    /// The strategy's renewal probability and cash per customer of its pools of segment s in
    /// period t, under that period's regime (every pooled customer is past the stable step).
    @inline(__always)
    func strategyPool(segment s: Int, period t: Int) -> (renewal: Double, cash: Double) {
        let schedule = regimeSchedules[regimeOfPeriod[t - 1]][s]
        return (schedule.newRenewal[horizon - 1], schedule.newMargin[horizon - 1] - schedule.serviceCost)
    }

    /// The strategy's stream for a coupled draw.
    @inline(__always)
    func coupledStream(_ purpose: StreamPurpose, trial: Int, _ a: Int, _ b: Int, _ c: Int) -> RandomStream {
        RandomStream(seed: seed ^ (coupling.key ?? 0), trial: trial, purpose: purpose, a, b, c)
    }

    /// The referral draw of segment s in period t with mean `mean`: the baseline's own Poisson
    /// draw (recorded when the baseline records), or, in a coupled strategy, the strategy's count
    /// coupled to the baseline's (`CoupledThinning.referrals`).
    mutating func referralDraw(segment s: Int, period t: Int, mean: Double, trial: Int) -> Int {
        if coupling.key != nil {
            let baseline = coupling.draws.referrals(segment: s, period: t)
            var rng = coupledStream(.coupledReferrals, trial: trial, s, t, 0)
            return CoupledThinning.referrals(baseline: baseline.count, baselineMean: baseline.mean,
                                             strategyMean: mean, using: &rng)
        }
        var rng = RandomStream(seed: seed, trial: trial, purpose: .referrals, s, t)
        let n = Sampler.poisson(mean: mean, using: &rng)
        if coupling.recording { coupling.draws.recordReferrals(segment: s, period: t, mean: mean, count: n) }
        return n
    }

    /// A cohort of `n` customers of the strategy's world, coupled to the baseline's cohort of
    /// the same kind, segment and start period (none: 0 customers): a = min(n_baseline, n) start
    /// alive in both worlds, n − a in the strategy's only, and each step is
    /// `CoupledThinning.step` on the baseline's recorded survivors. Where the baseline hands its
    /// cohort to the segment's pool (step j*), so does the strategy, with its joint groups; a
    /// cohort with no customer alive in both worlds joins its pool at any step from j* on.
    /// With none alive in both and fewer strategy customers than steps left, their lifetimes are
    /// drawn one by one (`drawCustomerLifetimes`).
    ///
    /// - Complexity: O(steps) draws, at most.
    mutating func simulateCoupledCohort(_ kind: CohortKind, segment s: Int, startPeriod t0: Int, count n: Int, trial: Int) {
        let c = coupling.draws.cohortIndex(kind, segment: s, startPeriod: t0)
        let steps = horizon - t0 + 1
        var both = min(coupling.draws.initialCount(cohort: c), n), only = n - both
        let baselineJoined = coupling.draws.joinedPool(cohort: c)
        let pool = poolIndex(kind, segment: s)
        var joinStep = steps
        if poolsCohorts, pool != nil, model.spendVariation[s] == nil,
           let stable = coupling.draws.schedules[s].newStableStep, stable < steps {
            joinStep = stable
        }
        let purpose = kind.coupledSurvivalPurpose
        let varies = regimeSchedules.count > 1
        if varies { gatherSteps(kind, segment: s, startPeriod: t0) }
        let survivalRow = varies ? 0 : (kind == .current ? 2 * s + 1 : 2 * s) * (horizon + 1)
        let activeRow = s * horizon + t0 - 1
        var last = -1
        var joinedAt: Int?
        for j in 0..<steps {
            if j >= joinStep, let pool, (both == 0 && coupling.poolJoined[pool] <= Self.poolLimit - only)
                || (j == joinStep && baselineJoined) {
                joinedAt = j
                break
            }
            let p = baselineRenewal(kind, segment: s, step: j)
            let q = strategyRenewal(kind, segment: s, startPeriod: t0, step: j)
            if both > 0 {
                if p < 1 || q < 1 {
                    var rng = coupledStream(purpose, trial: trial, s, t0, j)
                    CoupledThinning.step(both: &both, strategyOnly: &only,
                                         baseline: coupling.draws.survivors(cohort: c, step: j - 1),
                                         renewed: coupling.draws.survivors(cohort: c, step: j),
                                         baselineProbability: p, strategyProbability: q, using: &rng)
                }
            } else if q < 1 {
                var rng = coupledStream(purpose, trial: trial, s, t0, j)
                if drawsSmallCohortsByCustomer && only < steps - j
                    && (varies ? stepSurvival[j] : survival[survivalRow + j]) > Self.survivalFloor {
                    last = (varies ? stepSurvival : survival).withUnsafeBufferPointer { allSurvival in
                        endings.withUnsafeMutableBufferPointer { endings in
                            counts.withUnsafeMutableBufferPointer { counts in
                                Self.drawCustomerLifetimes(only, from: j, steps: steps,
                                                           survival: UnsafeBufferPointer(rebasing: allSurvival[survivalRow...]),
                                                           endings: endings, counts: counts, using: &rng)
                            }
                        }
                    }
                    for i in stride(from: j, through: last, by: 1) { active[activeRow + i] += Double(counts[i]) }
                    only = 0
                    break
                }
                only = Sampler.binomial(count: only, probability: q, using: &rng)
            }
            let alive = both + only
            if alive == 0 { break }
            counts[j] = alive
            active[activeRow + j] += Double(alive)
            last = j
        }
        if let j = joinedAt, let pool {
            coupling.poolJoined[pool] += both + only
            coupling.poolBoth[pool * horizon + t0 + j - 2] += both
            coupling.poolStrategyOnly[pool * horizon + t0 + j - 2] += only
        }
        guard last >= 0 else { return }
        addCohortCash(kind, segment: s, startPeriod: t0, last: last, trial: trial)
    }

    /// The strategy's pools, each thinned period by period jointly with the baseline's pool of
    /// the same segment and kind (`CoupledThinning.step` on the baseline's recorded pool counts),
    /// with the strategy's stable renewal probability and cash (see `simulatePools`).
    ///
    /// - Complexity: O(H) draws per non-empty pool.
    mutating func simulateCoupledPools(trial: Int) {
        for s in schedules.indices {
            guard coupling.draws.schedules[s].newStableStep != nil else { continue }
            let p = baselineRenewal(.plan, segment: s, step: horizon - 1)
            for k in 0..<2 {
                let kind: CohortKind = k == 0 ? .plan : .referral
                guard let pool = poolIndex(kind, segment: s), coupling.poolJoined[pool] > 0 else { continue }
                let row = kind.component.row * horizon
                var both = 0, only = 0, baseline = 0
                for t in 1...horizon {
                    let i = pool * horizon + t - 1
                    if both + only > 0 {
                        let (q, cash) = strategyPool(segment: s, period: t)
                        if p < 1 || q < 1 {
                            var rng = coupledStream(kind.coupledSurvivalPurpose, trial: trial, s, 0, t)
                            if both > 0 {
                                CoupledThinning.step(both: &both, strategyOnly: &only, baseline: baseline,
                                                     renewed: coupling.draws.poolActive[i],
                                                     baselineProbability: p, strategyProbability: q, using: &rng)
                            } else {
                                only = Sampler.binomial(count: only, probability: q, using: &rng)
                            }
                        }
                        active[s * horizon + t - 1] += Double(both + only)
                        cashFlow[row + t - 1] += cash * Double(both + only)
                        segmentCash[s * horizon + t - 1] += cash * Double(both + only)
                    }
                    both += coupling.poolBoth[i]
                    only += coupling.poolStrategyOnly[i]
                    baseline = coupling.draws.poolActive[i] + coupling.draws.poolArrivals[i]
                }
            }
        }
    }
}

extension CohortKind {
    /// The purpose of the strategy's streams that draw this kind's renewals in coupled simulation.
    var coupledSurvivalPurpose: StreamPurpose {
        switch self {
        case .current: return .coupledSurvivalCurrent
        case .plan: return .coupledSurvivalPlan
        case .referral: return .coupledSurvivalReferral
        }
    }
}
