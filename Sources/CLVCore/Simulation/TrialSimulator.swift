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
    /// The per-segment renewal probabilities and margins the trial's parameters give.
    var schedules: [SegmentSchedule] = []
    /// Discount factors D_t of the trial's rate (element `t − 1`).
    var discount: [Double] = []
    /// Whether some customer count had to be capped at `TrialParameters.maximumCount`.
    var capped = false
    /// Whether the run was cancelled while this trial was simulated; the history is then
    /// incomplete and must not be used.
    var cancelled = false

    /// Customer equity: current + acquired + referred customer value − acquisition spend.
    var customerEquity: Double {
        value(.current) + value(.plan) + value(.referral) - value(.spend)
    }

    /// The discounted value of one component.
    func value(_ component: CashFlowComponent) -> Double { componentValues[component.row] }

    /// The undiscounted cash flow of `component` in period `t` (1-based).
    func cashFlow(_ component: CashFlowComponent, period t: Int) -> Double {
        cashFlows[component.row * activeCustomers.count + t - 1]
    }

    /// Net cash flow of period `t`: customer value less acquisition spend, undiscounted.
    func netCashFlow(period t: Int) -> Double {
        cashFlow(.current, period: t) + cashFlow(.plan, period: t) + cashFlow(.referral, period: t)
            - cashFlow(.spend, period: t)
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
    private let horizon: Int
    /// Scratch of the trial being simulated, moved into its `TrialHistory` at the end.
    private var cashFlow: [Double]
    private var active: [Double]
    private var schedules: [SegmentSchedule] = []
    private var planArrivals: [Int]
    private var referralArrivals: [Int]
    private var counts: [Int]

    init(model: SimulationModel, seed: UInt64, isCancelled: (@Sendable () -> Bool)? = nil) {
        self.model = model
        self.seed = seed
        self.isCancelled = isCancelled
        horizon = model.horizon
        let segments = model.scenario.segments.count
        cashFlow = [Double](repeating: 0, count: CashFlowComponent.count * horizon)
        active = [Double](repeating: 0, count: segments * horizon)
        planArrivals = [Int](repeating: 0, count: segments * horizon)
        referralArrivals = [Int](repeating: 0, count: segments * horizon)
        counts = [Int](repeating: 0, count: horizon)
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
    mutating func simulate(trial: Int, parameters: TrialParameters) -> TrialHistory {
        let scenario = model.scenario
        let segmentCount = scenario.segments.count
        schedules = scenario.segments.enumerated().map { s, segment in
            SegmentSchedule(segment: segment, parameters: parameters.segments[s],
                            horizon: horizon, periodsPerYear: scenario.periodsPerYear)
        }
        cashFlow = [Double](repeating: 0, count: CashFlowComponent.count * horizon)
        for i in active.indices { active[i] = 0 }
        for i in planArrivals.indices { planArrivals[i] = 0; referralArrivals[i] = 0 }
        var history = TrialHistory()
        history.capped = parameters.capped
        let maximum = TrialParameters.maximumCount

        let spendRow = CashFlowComponent.spend.row * horizon
        for (p, plan) in scenario.acquisition.enumerated() {
            let values = parameters.plans[p]
            let s = model.planSegment[p]
            let from = max(1, plan.fromPeriod), to = min(horizon, plan.toPeriod)
            guard from <= to else { continue }
            for t in from...to {
                let i = s * horizon + t - 1
                if planArrivals[i] > maximum - values.customersPerPeriod { history.capped = true }
                planArrivals[i] = min(maximum, planArrivals[i] + values.customersPerPeriod)
                cashFlow[spendRow + t - 1] += values.spendPerPeriod
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
                let k = parameters.segments[s].referralCoefficient
                let cycle = model.referralCycle[s]
                if cycle > 0, k > 0, t + cycle <= horizon {
                    var rng = RandomStream(seed: seed, trial: trial, purpose: .referrals, s, t)
                    let mean = k * Double(newCustomers)
                    var n = Sampler.poisson(mean: min(mean, Double(maximum)), using: &rng)
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
        history.activeCustomers = (0..<horizon).map { t in
            var total = 0.0
            for s in 0..<segmentCount { total += active[s * horizon + t] }
            return total
        }
        history.cashFlows = cashFlow
        history.activeBySegment = active
        history.schedules = schedules
        history.discount = discount
        return history
    }

    /// Simulates one cohort from `startPeriod` to the horizon, adding its customers to `active`
    /// and its margin less service cost to the cash flow row of its kind.
    private mutating func simulateCohort(_ kind: CohortKind, segment s: Int, startPeriod t0: Int, count n: Int, trial: Int) {
        let schedule = schedules[s]
        let steps = horizon - t0 + 1
        let renewal = kind == .current ? schedule.currentRenewal : schedule.newRenewal
        let renewalLog = kind == .current ? schedule.currentRenewalLog : schedule.newRenewalLog
        let margin = kind == .current ? schedule.currentMargin : schedule.newMargin
        let row = kind.component.row * horizon + t0 - 1
        let activeRow = s * horizon + t0 - 1
        var count = n
        var last = -1
        counts.withUnsafeMutableBufferPointer { counts in
            active.withUnsafeMutableBufferPointer { active in
                for j in 0..<steps {
                    let q = renewal[j]
                    if q < 1 {
                        var rng = RandomStream(seed: seed, trial: trial, purpose: kind.survivalPurpose, s, t0, j)
                        count = Sampler.binomial(count: count, probability: q, logComplement: renewalLog[j], using: &rng)
                    }
                    if count == 0 { break }
                    counts[j] = count
                    active[activeRow + j] += Double(count)
                    last = j
                }
            }
        }
        guard last >= 0 else { return }
        let service = schedule.serviceCost
        cashFlow.withUnsafeMutableBufferPointer { cf in
            if let shape = model.variationShape[s] {
                var total = 0.0
                for j in stride(from: last, through: 0, by: -1) {
                    let ending = counts[j] - (j < last ? counts[j + 1] : 0)
                    if ending > 0 {
                        var rng = RandomStream(seed: seed, trial: trial, purpose: kind.multiplierPurpose, s, t0, j)
                        total += Sampler.gamma(shape: Double(ending) * shape, scale: 1 / shape, using: &rng)
                    }
                    cf[row + j] += margin[j] * total - service * Double(counts[j])
                }
            } else {
                for j in 0...last { cf[row + j] += (margin[j] - service) * Double(counts[j]) }
            }
        }
    }
}
