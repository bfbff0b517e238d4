import CLVRandom
import Foundation

/// What one simulated history of the whole customer base yields: the value the trial runner
/// returns (nothing is read back from the simulator afterwards).
struct TrialHistory {
    /// Discounted value of each `CashFlowComponent` at the trial's own discount rate, by `row`.
    var componentValues = [Double](repeating: 0, count: CashFlowComponent.count)
    /// Per segment: discounted active customer-periods, Σ_t D_t · active(s, t).
    var discountedActive: [Double] = []
    /// Undiscounted cash flows, component-major: component `c`, period `t` at `c.row · H + t − 1`.
    var cashFlows: [Double] = []
    /// Active customers of all segments in each period (element `t − 1`).
    var activeCustomers: [Double] = []
    /// Active customers of segment `s` in period `t` at `s · H + t − 1`.
    var activeBySegment: [Double] = []
    /// Active customers of each recency state (`SimulationModel.recencyStateOffset`) in period t,
    /// state-major: element (offset + state)·H + t − 1.
    var recencyActive: [Double] = []
    /// Per segment: the discounted value of its customers (current, acquired and referred into
    /// it) less the discounted spend of the plans that acquire into it; they add up to
    /// `customerEquity`.
    var segmentValues: [Double] = []
    /// The per-segment renewal probabilities and margins the trial's parameters give.
    var schedules: [SegmentSchedule] = []
    /// Discount factors D_t of the trial's rate (element `t − 1`).
    var discount: [Double] = []
    /// Whether some customer count had to be capped at `TrialParameters.maximumCount`.
    var capped = false
    /// Whether the run was cancelled while this trial was simulated; the history is then
    /// incomplete and must not be used.
    var cancelled = false

    /// Customer equity: current + acquired + referred customer value − acquisition spend −
    /// retention spend.
    var customerEquity: Double {
        value(.current) + value(.plan) + value(.referral) - value(.spend) - value(.retentionSpend)
    }

    /// The discounted value of one component.
    func value(_ component: CashFlowComponent) -> Double { componentValues[component.row] }

    /// The undiscounted cash flow of `component` in period `t` (1-based).
    func cashFlow(_ component: CashFlowComponent, period t: Int) -> Double {
        cashFlows[component.row * activeCustomers.count + t - 1]
    }

    /// Net cash flow of period `t`: customer value less acquisition and retention spend,
    /// undiscounted.
    func netCashFlow(period t: Int) -> Double {
        cashFlow(.current, period: t) + cashFlow(.plan, period: t) + cashFlow(.referral, period: t)
            - cashFlow(.spend, period: t) - cashFlow(.retentionSpend, period: t)
    }
}

/// Simulates the whole customer base of one trial with exact aggregate sampling.
///
/// Customers who share segment, origin (current, plan, referral) and acquisition period form one
/// cohort. A cohort of n customers is thinned period by period, survivors ~ Binomial(n, q_j),
/// with q_j the renewal probability of its tenure (see `SegmentSchedule`). Spend multipliers
/// ~ Gamma(k, 1/k) are independent of lifetimes, so the customers whose lifetime ends at step j
/// (c_j of them) carry a multiplier total G_j ~ Gamma(c_j·k, 1/k), and the active total at step
/// j is M_j = Σ_{i ≥ j} G_i. New customers of a segment in a period bring Poisson(K · n)
/// referrals `cyclePeriods` later. All of this is distributed exactly as simulating every
/// customer one by one, while a trial's cost depends on segments and periods, not on customers.
///
/// Every draw comes from a stream keyed by (seed, trial, purpose, segment, period, step), so the
/// baseline and each strategy of a trial use the same numbers for the same role.
///
/// - Complexity: O(S · H²) binomial draws in the worst case (each of the O(S · H) cohorts lives
///   at most H periods), independent of the number of customers; a cohort stops when empty.
struct TrialSimulator {
    let model: SimulationModel
    let seed: UInt64
    /// Polled once per segment and once per period, so that a cancelled run stops within a
    /// fraction of one trial, however slow a trial is.
    let isCancelled: (@Sendable () -> Bool)?
    let horizon: Int
    /// Scratch of the trial being simulated, moved into its `TrialHistory` at the end.
    var cashFlow: [Double]
    /// Per segment, period-major: the cash of its customers less the spend of its plans.
    var segmentCash: [Double]
    /// The trial's parameter regimes (one for the baseline; one per distinct set of active
    /// changes for a strategy with windows), their schedules, and the regime of each period.
    var regimes: [TrialParameters] = []
    var regimeSchedules: [[SegmentSchedule]] = []
    var regimeOfPeriod: [Int]
    /// Per step of the cohort being simulated when regimes vary over time: its renewal
    /// probabilities, their log complements, margins, service costs and survival.
    var stepRenewal: [Double]
    private var stepRenewalLog: [Double]
    private var stepMargin: [Double]
    private var stepService: [Double]
    var stepSurvival: [Double]
    var active: [Double]
    var schedules: [SegmentSchedule] = []
    private var planArrivals: [Int]
    private var referralArrivals: [Int]
    var counts: [Int]
    /// Per segment and kind (new, then current): S_0 … S_H with S_0 = 1 and S_{j+1} = S_j · q_j,
    /// the probability of being active at step j (`drawCustomerLifetimes`).
    var survival: [Double]
    /// Customers whose last active step is j, for one cohort drawn customer by customer; all zero
    /// between cohorts (`drawCustomerLifetimes` clears what it writes).
    var endings: [Int]
    /// Per pool (segment and kind, `poolIndex`): customers joining in period t (element t − 1),
    /// and all who joined in the trial.
    private var poolArrivals: [Int]
    private var poolJoined: [Int]
    /// A pool takes no more customers than this in one trial, so that its binomials stay within
    /// the sampler's exact range (10¹⁵); the rest stay unpooled.
    static let poolLimit = 1_000_000_000_000_000
    /// Customers are drawn one by one only while the survival S_j is above this, so that S never
    /// underflows there; below it the cohort is (practically never) thinned by binomials.
    static let survivalFloor = 1e-280
    /// Whether new cohorts join their segment's pool once their customers are interchangeable
    /// (`simulatePools`), and whether small cohorts draw their customers' lifetimes one by one
    /// (`drawCustomerLifetimes`). Both are exact shortcuts, on in every run; tests turn them off
    /// to check that the results keep their distribution, and the draw counts use it to show
    /// what each one saves.
    var poolsCohorts = true
    var drawsSmallCohortsByCustomer = true
    /// The baseline's recorded draws and the state of a strategy simulated coupled to them
    /// (`TrialSimulator+Coupling.swift`, docs/strategies.md "How coupling works, and what it buys").
    var coupling: CouplingState
    /// Scratch of the state chains (`TrialSimulator+Chains.swift`): counts and multiplier totals
    /// per state, this period's and the next period's side by side (2 × states each); the
    /// outcomes of one state, their probabilities then their margins (2 × outcomes), and their
    /// next states.
    var chainCounts: [Int]
    var chainTotals: [Double]
    var outcomeValues: [Double]
    var outcomeNext: [Int]
    /// Active customers of each recency state of each recency segment in each period
    /// (`SimulationModel.recencyStateOffset`; state-major, element (offset + state)·H + t − 1).
    var stateActive: [Double]
    /// Pools of new customers of chains that do not change with tenure
    /// (`TrialSimulator+Chains.swift`): per segment whether it pools in this trial, and per pool
    /// (`poolIndex`) the customers and multiplier totals arriving in period t (element t − 1)
    /// and all who joined.
    var chainPooled: [Bool]
    var chainPoolArrivals: [Int]
    var chainPoolArrivalTotals: [Double]
    var chainPoolJoined: [Int]
    #if DEBUG
    /// Draws made since the simulator was created, by kind (debug builds only).
    var drawCounts = DrawCounts()
    #endif

    init(model: SimulationModel, seed: UInt64, isCancelled: (@Sendable () -> Bool)? = nil) {
        self.model = model
        self.seed = seed
        self.isCancelled = isCancelled
        horizon = model.horizon
        let segments = model.scenario.segments.count
        cashFlow = [Double](repeating: 0, count: CashFlowComponent.count * horizon)
        segmentCash = [Double](repeating: 0, count: segments * horizon)
        regimeOfPeriod = [Int](repeating: 0, count: horizon)
        stepRenewal = [Double](repeating: 1, count: horizon)
        stepRenewalLog = [Double](repeating: 0, count: horizon)
        stepMargin = [Double](repeating: 0, count: horizon)
        stepService = [Double](repeating: 0, count: horizon)
        stepSurvival = [Double](repeating: 1, count: horizon + 1)
        active = [Double](repeating: 0, count: segments * horizon)
        planArrivals = [Int](repeating: 0, count: segments * horizon)
        referralArrivals = [Int](repeating: 0, count: segments * horizon)
        counts = [Int](repeating: 0, count: horizon)
        survival = [Double](repeating: 1, count: 2 * segments * (horizon + 1))
        endings = [Int](repeating: 0, count: horizon)
        poolArrivals = [Int](repeating: 0, count: 2 * segments * horizon)
        poolJoined = [Int](repeating: 0, count: 2 * segments)
        coupling = CouplingState(segmentCount: segments, horizon: horizon)
        let states = model.chains.map { $0?.stateCount ?? 0 }.max() ?? 0
        let outcomes = model.chains.map { $0?.maximumOutcomes ?? 0 }.max() ?? 0
        chainCounts = [Int](repeating: 0, count: 2 * states)
        chainTotals = [Double](repeating: 0, count: 2 * states)
        outcomeValues = [Double](repeating: 0, count: 2 * outcomes)
        outcomeNext = [Int](repeating: 0, count: outcomes)
        stateActive = [Double](repeating: 0, count: model.recencyStateCount * horizon)
        let chained = model.chains.contains { $0 != nil }
        chainPooled = [Bool](repeating: false, count: segments)
        chainPoolArrivals = [Int](repeating: 0, count: chained ? 2 * segments * horizon : 0)
        chainPoolArrivalTotals = [Double](repeating: 0, count: chainPoolArrivals.count)
        chainPoolJoined = [Int](repeating: 0, count: chained ? 2 * segments : 0)
    }

    /// Discount factors D_t of the trial's rate (docs/model.md "Time, timing and discounting").
    static func discountFactors(annualRate: Double, scenario: Scenario, into d: inout [Double]) {
        let perPeriod = pow(1 + annualRate, 1 / Double(scenario.periodsPerYear)) - 1
        let v = 1 / (1 + perPeriod)
        let offset = scenario.cashFlowTiming == .start ? 1.0 : 0.0
        for t in 0..<d.count { d[t] = pow(v, Double(t + 1) - offset) }
    }

    /// Simulates trial `trial` with the given parameters and discounts it at the trial's rate.
    ///
    /// - Complexity: see the type's documentation.
    mutating func simulate(trial: Int, parameters: TrialParameters, coupledTo key: UInt64? = nil) -> TrialHistory {
        simulate(trial: trial, regimes: [parameters], regimeOfPeriod: nil, coupledTo: key)
    }

    /// Simulates trial `trial` when the parameters change over time: period `t` follows
    /// `regimes[regimeOfPeriod[t − 1]]` (a strategy whose changes have windows,
    /// docs/strategies.md "Effects that are uncertain or time-bound"). A renewal decided at the
    /// start of period t, the cash of period t (margin by tenure, service cost), the plans'
    /// customers and spend of period t and the referrals of customers acquired in period t all
    /// follow period t's regime. All regimes share the discount rate (a window cannot change it).
    ///
    /// - Complexity: as `simulate(trial:parameters:)`, plus O(H) per cohort to gather its
    ///   per-step quantities when there is more than one regime.
    ///
    /// With `coupledTo`, the stream key of a strategy whose regimes these are, the trial is that
    /// strategy's world simulated conditionally on the baseline's draws recorded in the same trial
    /// (`startCoupling(trial:key:)`); without it, the baseline's draws are recorded when
    /// `coupling.records` is on.
    mutating func simulate(trial: Int, regimes: [TrialParameters], regimeOfPeriod periodRegimes: [Int]?,
                           coupledTo key: UInt64? = nil) -> TrialHistory {
        let scenario = model.scenario
        let segmentCount = scenario.segments.count
        self.regimes = regimes
        regimeSchedules = regimes.map { parameters in
            scenario.segments.enumerated().map { s, segment in
                SegmentSchedule(segment: segment, parameters: parameters.segments[s],
                                horizon: horizon, periodsPerYear: scenario.periodsPerYear)
            }
        }
        schedules = regimeSchedules[0]
        for t in 0..<horizon { regimeOfPeriod[t] = periodRegimes?[t] ?? 0 }
        let parameters = regimes[0]
        cashFlow = [Double](repeating: 0, count: CashFlowComponent.count * horizon)
        for i in segmentCash.indices { segmentCash[i] = 0 }
        for i in active.indices { active[i] = 0 }
        for i in planArrivals.indices { planArrivals[i] = 0; referralArrivals[i] = 0 }
        for i in poolArrivals.indices { poolArrivals[i] = 0 }
        for i in poolJoined.indices { poolJoined[i] = 0 }
        for i in stateActive.indices { stateActive[i] = 0 }
        if !chainPoolJoined.isEmpty { startChainPools() }
        for s in 0..<segmentCount {
            let newRow = 2 * s * (horizon + 1), currentRow = (2 * s + 1) * (horizon + 1)
            for j in 0..<horizon {
                survival[newRow + j + 1] = survival[newRow + j] * schedules[s].newRenewal[j]
                survival[currentRow + j + 1] = survival[currentRow + j] * schedules[s].currentRenewal[j]
            }
        }
        startCoupling(trial: trial, key: key)
        var history = TrialHistory()
        history.capped = regimes.contains { $0.capped }
        let maximum = TrialParameters.maximumCount

        let spendRow = CashFlowComponent.spend.row * horizon
        for (p, plan) in scenario.acquisition.enumerated() {
            let s = model.planSegment[p]
            let from = max(1, plan.fromPeriod), to = min(horizon, plan.toPeriod)
            guard from <= to else { continue }
            for t in from...to {
                let values = regimes[regimeOfPeriod[t - 1]].plans[p]
                let i = s * horizon + t - 1
                var customers = values.customersPerPeriod
                if let conversion = values.conversion {
                    // One uniform per (plan, period), inverted: the count is monotone in the
                    // conversion rate, so candidate spends are compared on the same draw.
                    var rng = RandomStream(seed: seed, trial: trial, purpose: .conversion, p, t)
                    customers = Sampler.binomialQuantile(rng.nextOpenUnit(), count: values.prospects, probability: conversion)
                }
                if planArrivals[i] > maximum - customers { history.capped = true }
                planArrivals[i] = min(maximum, planArrivals[i] + customers)
                cashFlow[spendRow + t - 1] += values.spendPerPeriod
                segmentCash[i] -= values.spendPerPeriod
            }
        }

        for (s, segment) in scenario.segments.enumerated() where segment.customers > 0 {
            if let isCancelled, isCancelled() {
                history.cancelled = true
                return history
            }
            if segment.customers > maximum { history.capped = true }
            simulateCohort(.current, segment: s, startPeriod: 1, count: min(segment.customers, maximum), trial: trial)
        }

        for t in 1...horizon {
            if let isCancelled, isCancelled() {
                history.cancelled = true
                return history
            }
            for s in 0..<segmentCount {
                let i = s * horizon + t - 1
                let acquired = planArrivals[i], referred = referralArrivals[i]
                let newCustomers = acquired + referred
                guard newCustomers > 0 else { continue }
                let k = regimes[regimeOfPeriod[t - 1]].segments[s].referralCoefficient
                let cycle = model.referralCycle[s]
                if cycle > 0, k > 0, t + cycle <= horizon {
                    let mean = k * Double(newCustomers)
                    var n = referralDraw(segment: s, period: t, mean: min(mean, Double(maximum)), trial: trial)
                    #if DEBUG
                    drawCounts.poisson += 1
                    #endif
                    if mean > Double(maximum) { history.capped = true }
                    let j = model.referralTarget[s] * horizon + t + cycle - 1
                    n = min(maximum, referralArrivals[j] + n)
                    if n == maximum { history.capped = true }
                    referralArrivals[j] = n
                }
                if acquired > 0 { simulateCohort(.plan, segment: s, startPeriod: t, count: acquired, trial: trial) }
                if referred > 0 { simulateCohort(.referral, segment: s, startPeriod: t, count: referred, trial: trial) }
            }
        }

        simulatePools(trial: trial)
        if !chainPoolJoined.isEmpty { simulateChainPools(trial: trial) }
        chargeRetentionSpend()

        var discount = [Double](repeating: 0, count: horizon)
        Self.discountFactors(annualRate: parameters.annualDiscountRate, scenario: scenario, into: &discount)
        for c in 0..<CashFlowComponent.count {
            var total = 0.0
            for t in 0..<horizon { total += discount[t] * cashFlow[c * horizon + t] }
            history.componentValues[c] = total
        }
        history.discountedActive = (0..<segmentCount).map { s in
            var total = 0.0
            for t in 0..<horizon { total += discount[t] * active[s * horizon + t] }
            return total
        }
        history.segmentValues = (0..<segmentCount).map { s in
            var total = 0.0
            for t in 0..<horizon { total += discount[t] * segmentCash[s * horizon + t] }
            return total
        }
        history.activeCustomers = (0..<horizon).map { t in
            var total = 0.0
            for s in 0..<segmentCount { total += active[s * horizon + t] }
            return total
        }
        history.cashFlows = cashFlow
        history.activeBySegment = active
        history.recencyActive = stateActive
        history.schedules = schedules
        history.discount = discount
        return history
    }

    /// Simulates one cohort from `startPeriod` to the horizon, adding its customers to `active`
    /// and its margin less service cost to the cash flow row of its kind.
    ///
    /// Step by step the survivors are Binomial(count, q_j). Two exact shortcuts need fewer draws:
    /// - a new cohort of a segment without spend variation whose renewal probability and margin
    ///   are the same from step j* on (`SegmentSchedule.newStableStep`) hands its customers
    ///   active at step j* − 1 to the segment's pool of its kind (`simulatePools`), where one
    ///   binomial per period thins all of them;
    /// - a cohort with fewer customers than steps left draws each customer's remaining lifetime
    ///   with one uniform (`drawCustomerLifetimes`) instead of one binomial per step.
    private mutating func simulateCohort(_ kind: CohortKind, segment s: Int, startPeriod t0: Int, count n: Int, trial: Int) {
        if let chain = model.chains[s] {
            // Common random numbers pair a strategy's chains with the baseline's in either mode.
            simulateChainCohort(kind, chain: chain, startPeriod: t0, count: n, trial: trial)
            return
        }
        if coupling.key != nil {
            simulateCoupledCohort(kind, segment: s, startPeriod: t0, count: n, trial: trial)
            return
        }
        let schedule = schedules[s]
        let steps = horizon - t0 + 1
        let varies = regimeSchedules.count > 1
        if varies { gatherSteps(kind, segment: s, startPeriod: t0) }
        let renewal = varies ? stepRenewal : kind == .current ? schedule.currentRenewal : schedule.newRenewal
        let renewalLog = varies ? stepRenewalLog : kind == .current ? schedule.currentRenewalLog : schedule.newRenewalLog
        let activeRow = s * horizon + t0 - 1
        // The steps this cohort simulates itself: all, or those before it joins its pool.
        var ownSteps = steps
        let pool = poolIndex(kind, segment: s)
        if poolsCohorts, let pool, model.spendVariation[s] == nil, let stable = stablePoolStep(segment: s), stable < steps,
           poolJoined[pool] <= Self.poolLimit - n {
            ownSteps = stable
        }
        let survivalRow = varies ? -1 : (kind == .current ? 2 * s + 1 : 2 * s) * (horizon + 1)
        var count = n
        var last = -1
        var binomialDraws = 0
        var customersDrawn = 0
        var joinsPool = ownSteps < steps
        let monotone = model.monotoneThinning[s]
        counts.withUnsafeMutableBufferPointer { counts in
            active.withUnsafeMutableBufferPointer { active in
                endings.withUnsafeMutableBufferPointer { endings in
                    (varies ? self.stepSurvival : self.survival).withUnsafeBufferPointer { allSurvival in
                        let survival = UnsafeBufferPointer(rebasing: allSurvival[max(0, survivalRow)...])
                        for j in 0..<ownSteps {
                            let q = renewal[j]
                            if q < 1 {
                                var rng = RandomStream(seed: seed, trial: trial, purpose: kind.survivalPurpose, s, t0, j)
                                if drawsSmallCohortsByCustomer && count < ownSteps - j && survival[j] > Self.survivalFloor {
                                    // Few customers: every remaining lifetime at once, to the horizon.
                                    last = Self.drawCustomerLifetimes(count, from: j, steps: steps, survival: survival,
                                                                      endings: endings, counts: counts, using: &rng)
                                    for i in stride(from: j, through: last, by: 1) { active[activeRow + i] += Double(counts[i]) }
                                    customersDrawn += count
                                    joinsPool = false
                                    return
                                }
                                count = monotone
                                    ? Sampler.binomialQuantile(rng.nextOpenUnit(), count: count, probability: q)
                                    : Sampler.binomial(count: count, probability: q, logComplement: renewalLog[j], using: &rng)
                                binomialDraws += 1
                            }
                            if count == 0 { joinsPool = false; return }
                            counts[j] = count
                            active[activeRow + j] += Double(count)
                            last = j
                        }
                    }
                }
            }
        }
        #if DEBUG
        drawCounts.binomial += binomialDraws
        drawCounts.customerLifetimes += customersDrawn
        #endif
        if joinsPool, let pool {
            poolJoined[pool] += count
            poolArrivals[pool * horizon + t0 + ownSteps - 2] += count
        }
        if coupling.recording {
            coupling.draws.recordCohort(kind, segment: s, startPeriod: t0, count: n, counts: counts, last: last, joinedPool: joinsPool)
        }
        guard last >= 0 else { return }
        addCohortCash(kind, segment: s, startPeriod: t0, last: last, trial: trial)
    }

    /// Adds the cash of a cohort whose survivors at steps 0 … `last` are `counts[0 … last]` to
    /// the cash flow row of its kind and to its segment's: margin less service cost per customer,
    /// the margin scaled by the spend multipliers of the survivors — per ending group,
    /// G_j ~ Gamma(c_j·k, 1/k) for the c_j customers whose last active step is j (see the type's
    /// documentation). With regimes varying over time, the per-step quantities are those
    /// `gatherSteps` gathered for this cohort.
    ///
    /// - Complexity: O(last) arithmetic and at most last + 1 Gamma draws.
    mutating func addCohortCash(_ kind: CohortKind, segment s: Int, startPeriod t0: Int, last: Int, trial: Int) {
        let schedule = schedules[s]
        let varies = regimeSchedules.count > 1
        let margin = varies ? stepMargin : kind == .current ? schedule.currentMargin : schedule.newMargin
        let row = kind.component.row * horizon + t0 - 1
        let service = schedule.serviceCost
        let segmentRow = s * horizon + t0 - 1
        var gammaDraws = 0
        cashFlow.withUnsafeMutableBufferPointer { cf in
            segmentCash.withUnsafeMutableBufferPointer { sc in
                if let variation = model.spendVariation[s] {
                    var total = 0.0
                    for j in stride(from: last, through: 0, by: -1) {
                        let ending = counts[j] - (j < last ? counts[j + 1] : 0)
                        if ending > 0 {
                            var rng = RandomStream(seed: seed, trial: trial, purpose: kind.multiplierPurpose, s, t0, j)
                            total += variation.total(of: ending, using: &rng)
                            gammaDraws += 1
                        }
                        let cash = margin[j] * total - (varies ? stepService[j] : service) * Double(counts[j])
                        cf[row + j] += cash
                        sc[segmentRow + j] += cash
                    }
                } else {
                    for j in 0...last {
                        let cash = (margin[j] - (varies ? stepService[j] : service)) * Double(counts[j])
                        cf[row + j] += cash
                        sc[segmentRow + j] += cash
                    }
                }
            }
        }
        #if DEBUG
        drawCounts.gamma += gammaDraws
        #endif
    }

    /// Draws the remaining lifetimes of `count` customers of a cohort active at step `j − 1`, one
    /// uniform each, and writes the survivors of steps j … last into `counts`; returns `last`
    /// (j − 1 when nobody renews).
    ///
    /// With S the cohort's survival (`survival`, S_i = q_0 ⋯ q_{i−1}), a customer active at step
    /// j − 1 is active at step i ≥ j with probability S_{i+1}/S_j, so with U uniform the customer's
    /// last active step is the largest i with S_{i+1} > U·S_j (S is non-increasing: a binary
    /// search). Customers are independent given the trial's parameters — under sBG each has their
    /// own θ, and S is the survival of a customer whose θ is unknown — so their lifetimes drawn
    /// one by one are distributed exactly as the counts of binomial thinning
    /// (docs/model.md "How the simulation works, and why it is exact").
    ///
    /// Customers are searched four at a time in lockstep, without branches on the data
    /// (`aboveMask`): the search's steps depend only on steps − j, so four independent chains of
    /// loads overlap instead of waiting on each other. Their uniforms are taken in the same order
    /// as one by one, so the result is the same.
    ///
    /// `endings` must be zero from j on, and is left so: only the steps j … last are written, and
    /// they are cleared as the survivors are counted.
    ///
    /// - Complexity: O(count · log(steps − j) + last − j) arithmetic, `count` uniforms.
    static func drawCustomerLifetimes(_ count: Int, from j: Int, steps: Int, survival: UnsafeBufferPointer<Double>,
                                      endings: UnsafeMutableBufferPointer<Int>,
                                      counts: UnsafeMutableBufferPointer<Int>,
                                      using rng: inout RandomStream) -> Int {
        var last = j - 1
        let start = survival[j]
        let length = steps &- j
        @inline(__always) func record(_ end: Int) {
            if end > j {
                endings[end &- 1] &+= 1
                if end &- 1 > last { last = end &- 1 }
            }
        }
        var remaining = count
        while remaining >= 4 {
            let x0 = (rng.nextOpenUnit() * start).bitPattern, x1 = (rng.nextOpenUnit() * start).bitPattern
            let x2 = (rng.nextOpenUnit() * start).bitPattern, x3 = (rng.nextOpenUnit() * start).bitPattern
            var b0 = j, b1 = j, b2 = j, b3 = j
            var n = length
            while n > 1 {
                let half = n &>> 1
                b0 = Self.halving(b0, half, x0, survival)
                b1 = Self.halving(b1, half, x1, survival)
                b2 = Self.halving(b2, half, x2, survival)
                b3 = Self.halving(b3, half, x3, survival)
                n &-= half
            }
            record(Self.searchEnd(b0, x0, survival))
            record(Self.searchEnd(b1, x1, survival))
            record(Self.searchEnd(b2, x2, survival))
            record(Self.searchEnd(b3, x3, survival))
            remaining &-= 4
        }
        while remaining > 0 {
            record(firstStepNotReached(above: (rng.nextOpenUnit() * start).bitPattern, from: j, length: length,
                                       survival: survival))
            remaining &-= 1
        }
        var alive = 0
        for i in stride(from: last, through: j, by: -1) {
            alive += endings[i]
            counts[i] = alive
            endings[i] = 0
        }
        return last
    }

    /// The first step i ≥ j a customer does not reach, S_{i+1} ≤ threshold (given by its bit
    /// pattern), or j + `length` when they reach every step: a binary search whose steps depend on
    /// `length` only.
    ///
    /// - Complexity: O(log length).
    @inline(__always)
    static func firstStepNotReached(above threshold: UInt64, from j: Int, length: Int,
                                    survival: UnsafeBufferPointer<Double>) -> Int {
        var base = j, n = length
        while n > 1 {
            let half = n &>> 1
            base = halving(base, half, threshold, survival)
            n &-= half
        }
        return searchEnd(base, threshold, survival)
    }

    /// One halving of the search for the first step not reached: `base` moves up by `half` when
    /// step base + half is reached (S_{base+half+1} > threshold), and stays otherwise — without a
    /// branch (`aboveMask`).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func halving(_ base: Int, _ half: Int, _ threshold: UInt64, _ survival: UnsafeBufferPointer<Double>) -> Int {
        base &+ half & aboveMask(survival[base &+ half &+ 1], threshold)
    }

    /// The end of the search, once one candidate `base` is left: base + 1 when step base is
    /// reached (S_{base+1} > threshold), else base.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func searchEnd(_ base: Int, _ threshold: UInt64, _ survival: UnsafeBufferPointer<Double>) -> Int {
        base &- aboveMask(survival[base &+ 1], threshold)
    }

    /// −1 (all bits set) when S > x, else 0, for a survival S ≥ 0 and a threshold x > 0 given by
    /// its bit pattern — without a comparison. For non-negative doubles the order of the bit
    /// patterns is the order of the numbers, so x − S as a 64-bit integer is negative exactly
    /// when S > x, and its sign shifted across the word is the mask. A compare-and-select would
    /// let the compiler branch, and these comparisons are unpredictable: each mispredicted
    /// branch costs more than the whole search step.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func aboveMask(_ survival: Double, _ threshold: UInt64) -> Int {
        Int(truncatingIfNeeded: threshold &- survival.bitPattern) &>> 63
    }

    /// Fills the per-step quantities of a cohort of kind `kind` of segment `s` that starts in
    /// period `t0` when regimes vary over time: step j happens in period t0 + j and follows that
    /// period's regime; S_0 = 1 and S_{j+1} = S_j · q_j.
    ///
    /// The steps are copied a run of one regime at a time, so that the schedule is read once per
    /// run rather than once per step, which retained and released its six arrays at every step
    /// (results/BENCHMARKS.md, "Strategies and optimisation").
    ///
    /// - Complexity: O(H − t0).
    mutating func gatherSteps(_ kind: CohortKind, segment s: Int, startPeriod t0: Int) {
        let steps = horizon - t0 + 1
        var j = 0
        while j < steps {
            let regime = regimeOfPeriod[t0 - 1 + j]
            var end = j + 1
            while end < steps && regimeOfPeriod[t0 - 1 + end] == regime { end += 1 }
            let schedule = regimeSchedules[regime][s]
            let current = kind == .current
            copySteps(j..<end, renewal: current ? schedule.currentRenewal : schedule.newRenewal,
                      renewalLog: current ? schedule.currentRenewalLog : schedule.newRenewalLog,
                      margin: current ? schedule.currentMargin : schedule.newMargin, service: schedule.serviceCost)
            j = end
        }
    }

    /// Copies steps `range` of one regime's per-step quantities into the step arrays and extends
    /// the survival over them.
    ///
    /// - Complexity: O(range.count).
    private mutating func copySteps(_ range: Range<Int>, renewal: [Double], renewalLog: [Double], margin: [Double],
                                    service: Double) {
        for j in range {
            stepRenewal[j] = renewal[j]
            stepRenewalLog[j] = renewalLog[j]
            stepMargin[j] = margin[j]
            stepService[j] = service
            stepSurvival[j + 1] = stepSurvival[j] * renewal[j]
        }
    }

    /// The step from which new customers of segment `s` are interchangeable in every regime
    /// (`SegmentSchedule.newStableStep`, the latest over the regimes), or nil.
    func stablePoolStep(segment s: Int) -> Int? {
        var step = 0
        for schedules in regimeSchedules {
            guard let stable = schedules[s].newStableStep else { return nil }
            step = max(step, stable)
        }
        return step
    }

    /// The pool of new customers of kind `kind` (plan or referral) of segment `s`; nil for the
    /// current base, which is one cohort.
    @inline(__always)
    func poolIndex(_ kind: CohortKind, segment s: Int) -> Int? {
        switch kind {
        case .current: return nil
        case .plan: return 2 * s
        case .referral: return 2 * s + 1
        }
    }

    /// Thins each segment's pools period by period: the customers in a pool all renew with the
    /// segment's stable probability q* (`SegmentSchedule.newStableStep`) and yield the same cash,
    /// so the survivors of all pooled cohorts are one Binomial(pool, q*) per period — a sum of
    /// independent binomials with one p is one binomial. Customers who join in period t (active
    /// there in their own cohort) are thinned from period t + 1 on. The draw of period t uses
    /// the stream of the kind's survival purpose with period index 0 (no cohort starts in
    /// period 0), step t.
    ///
    /// - Complexity: O(H) binomial draws per non-empty pool.
    private mutating func simulatePools(trial: Int) {
        if coupling.key != nil {
            simulateCoupledPools(trial: trial)
            return
        }
        for s in schedules.indices {
            guard stablePoolStep(segment: s) != nil else { continue }
            for k in 0..<2 {
                let kind: CohortKind = k == 0 ? .plan : .referral
                guard let pool = poolIndex(kind, segment: s), poolJoined[pool] > 0 else { continue }
                let row = kind.component.row * horizon
                var count = 0
                var draws = 0
                for t in 1...horizon {
                    if count > 0 {
                        // Every pooled customer is past the stable step of period t's regime.
                        let schedule = regimeSchedules[regimeOfPeriod[t - 1]][s]
                        let q = schedule.newRenewal[horizon - 1]
                        let logComplement = schedule.newRenewalLog[horizon - 1]
                        let cash = schedule.newMargin[horizon - 1] - schedule.serviceCost
                        if q < 1 {
                            var rng = RandomStream(seed: seed, trial: trial, purpose: kind.survivalPurpose, s, 0, t)
                            count = model.monotoneThinning[s]
                                ? Sampler.binomialQuantile(rng.nextOpenUnit(), count: count, probability: q)
                                : Sampler.binomial(count: count, probability: q, logComplement: logComplement, using: &rng)
                            draws += 1
                        }
                        active[s * horizon + t - 1] += Double(count)
                        cashFlow[row + t - 1] += cash * Double(count)
                        segmentCash[s * horizon + t - 1] += cash * Double(count)
                    }
                    if coupling.recording {
                        coupling.draws.recordPool(pool, period: t, active: count, arrivals: poolArrivals[pool * horizon + t - 1])
                    }
                    count += poolArrivals[pool * horizon + t - 1]
                }
                #if DEBUG
                drawCounts.binomial += draws
                #endif
            }
        }
    }

    /// Charges each segment's retention spend per active customer per period (response-curve
    /// retention, docs/optimization.md) to every customer active in the period, whatever their
    /// origin: Σ_s spend_s · active(s, t) in period t, in the `retentionSpend` component and in
    /// the segment's value.
    ///
    /// - Complexity: O(S · H).
    private mutating func chargeRetentionSpend() {
        let row = CashFlowComponent.retentionSpend.row * horizon
        for s in schedules.indices {
            for t in 0..<horizon {
                let spend = regimes[regimeOfPeriod[t]].segments[s].retentionSpend
                guard spend > 0 else { continue }
                let cost = spend * active[s * horizon + t]
                cashFlow[row + t] += cost
                segmentCash[s * horizon + t] -= cost
            }
        }
    }
}
