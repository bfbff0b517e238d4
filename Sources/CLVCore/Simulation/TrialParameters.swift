import CLVRandom
import Foundation

/// A segment's parameters in one trial: every `Dist` replaced by its drawn value.
struct SegmentParameters: Sendable {
    var revenue = 0.0
    var revenueGrowth = 0.0
    var margin = 1.0
    var serviceCost = 0.0
    var retentionRate = 1.0
    var retentionAlpha = 1.0
    var retentionBeta = 1.0
    var retentionScale = 1.0
    var referralCoefficient = 0.0
    /// Response-curve retention (docs/optimization.md): the drawn floor, ceiling and k; the
    /// rate they give at the segment's spend is `retentionRate`.
    var retentionFloor = 0.0
    var retentionCeiling = 1.0
    var retentionK = 0.0
    /// Retention spend per active customer per period (0 without a response curve).
    var retentionSpend = 0.0
    /// Recency retention: the purchase probability of recency 1 … k (element j − 1).
    var purchaseProbability: [Double] = []
    /// Migration: the probability of each move (in `Segment.migration` order), conditional on
    /// renewing; scaled down proportionally when a strategy pushes their sum above 1.
    var migrationProbability: [Double] = []
}

/// An acquisition plan's values in one trial.
struct PlanParameters: Sendable {
    /// Customers acquired in each period of the plan.
    var customersPerPeriod = 0
    /// Spend in each period of the plan.
    var spendPerPeriod = 0.0
    /// The drawn acquisition cost per customer (budget plans only).
    var cac: Double?
    /// Prospect plans: ⌊prospects⌋ per period and the probability that one converts; the
    /// customers of each period are Binomial(prospects, conversion), drawn by the simulator.
    var prospects = 0
    var conversion: Double?
    var conversionFloor = 0.0
    var conversionCeiling = 1.0
    var conversionK = 0.0
}

/// All drawn inputs of one trial, resolved into per-segment and per-plan values.
///
/// Built from the flat vector of input values in `Scenario.inputs` order, after any strategy
/// changes; values are clamped into their domains (a retention rate above 1 becomes 1), and the
/// number of values that had to be clamped is kept so that the run can warn.
struct TrialParameters: Sendable {
    var annualDiscountRate = 0.0
    var segments: [SegmentParameters]
    var plans: [PlanParameters]
    /// How many input values were outside their domain and were clamped.
    var clampedCount = 0
    /// Whether a plan's customer count per period was above `maximumCount` (or infinite, as
    /// with a budget over a vanishing CAC) and was capped.
    var capped = false

    /// Largest customer count a cohort may hold; larger draws are capped (and the run warns).
    static let maximumCount = 1_000_000_000_000

    init(layout: InputLayout, values: [Double]) {
        segments = layout.stateCounts.map { counts in
            var parameters = SegmentParameters()
            parameters.purchaseProbability = [Double](repeating: 0, count: counts.purchase)
            parameters.migrationProbability = [Double](repeating: 0, count: counts.migration)
            return parameters
        }
        plans = Array(repeating: PlanParameters(), count: layout.planCount)
        var planBudget = [Double](repeating: 0, count: layout.planCount)
        var planCustomers = [Double](repeating: 0, count: layout.planCount)
        for (i, input) in layout.inputs.enumerated() {
            let value = clamp(values[i], to: input.domain)
            switch input.site {
            case .annualDiscountRate: annualDiscountRate = value
            case .segment(let s, let field):
                switch field {
                case .revenue: segments[s].revenue = value
                case .revenueGrowth: segments[s].revenueGrowth = value
                case .margin: segments[s].margin = value
                case .serviceCost: segments[s].serviceCost = value
                case .retentionRate: segments[s].retentionRate = value
                case .retentionAlpha: segments[s].retentionAlpha = value
                case .retentionBeta: segments[s].retentionBeta = value
                case .retentionScale: segments[s].retentionScale = value
                case .referralCoefficient: segments[s].referralCoefficient = value
                case .retentionRateFloor: segments[s].retentionFloor = value
                case .retentionRateCeiling: segments[s].retentionCeiling = value
                case .retentionRateK: segments[s].retentionK = value
                }
            case .acquisition(let p, let field):
                switch field {
                case .customersPerPeriod: planCustomers[p] = value
                case .budgetPerPeriod: planBudget[p] = value
                case .cac: plans[p].cac = value
                case .prospectsPerPeriod: planCustomers[p] = value
                case .conversionFloor: plans[p].conversionFloor = value
                case .conversionCeiling: plans[p].conversionCeiling = value
                case .conversionK: plans[p].conversionK = value
                }
            case .purchaseProbability(let s, let j):
                segments[s].purchaseProbability[j] = value
            case .migrationProbability(let s, let m):
                segments[s].migrationProbability[m] = value
            case .strategyChange:
                break
            }
        }
        for s in segments.indices {
            let total = segments[s].migrationProbability.reduce(0, +)
            if total > 1 {
                // Only a strategy's change can do this (validation bounds the row's supports).
                for m in segments[s].migrationProbability.indices { segments[s].migrationProbability[m] /= total }
                clampedCount += 1
            }
        }
        for s in segments.indices {
            guard let spend = layout.retentionSpend[s] else { continue }
            // A strategy may push the floor above the ceiling; the ceiling then binds from below.
            let floor = segments[s].retentionFloor, ceiling = Swift.max(floor, segments[s].retentionCeiling)
            segments[s].retentionRate = ResponseCurve.rate(floor: floor, ceiling: ceiling, k: segments[s].retentionK, spend: spend)
            segments[s].retentionSpend = spend
        }
        for p in plans.indices {
            if let spend = layout.conversionSpend[p] {
                let floor = plans[p].conversionFloor, ceiling = Swift.max(floor, plans[p].conversionCeiling)
                plans[p].prospects = count(planCustomers[p])
                plans[p].conversion = ResponseCurve.rate(floor: floor, ceiling: ceiling, k: plans[p].conversionK, spend: spend)
                plans[p].spendPerPeriod = Double(plans[p].prospects) * spend
            } else if let cac = plans[p].cac {
                plans[p].spendPerPeriod = planBudget[p]
                plans[p].customersPerPeriod = count(planBudget[p] / cac)
            } else {
                plans[p].customersPerPeriod = count(planCustomers[p])
            }
        }
    }

    /// ⌊x⌋ as a customer count, capped at `maximumCount` (then `capped` is set); 0 for NaN.
    private mutating func count(_ x: Double) -> Int {
        guard x > 0 else { return 0 }
        guard x < Double(Self.maximumCount) else {
            capped = true
            return Self.maximumCount
        }
        return Int(x.rounded(.down))
    }

    private mutating func clamp(_ x: Double, to domain: InputDomain) -> Double {
        var y = x
        switch domain {
        case .unitInterval: y = Swift.min(Swift.max(x, 0), 1)
        case .nonNegative: y = Swift.max(x, 0)
        case .positive: y = Swift.max(x, Double.leastNormalMagnitude)
        case .aboveMinusOne, .discountRate: y = Swift.max(x, -1 + 1e-12)
        case .anyValue: break
        }
        if !y.isFinite { y = 0 }
        if y != x { clampedCount += 1 }
        return y
    }
}

/// The inputs of a scenario and where they go, computed once per run.
struct InputLayout: Sendable {
    let inputs: [ScenarioInput]
    let segmentCount: Int
    let planCount: Int
    /// Per segment: the retention spend per active customer per period of a response-curve
    /// retention rate at the decisions' values; nil for other retention models.
    let retentionSpend: [Double?]
    /// Per plan: the spend per prospect of a prospect plan; nil for other plans.
    let conversionSpend: [Double?]
    /// Per segment: its number of purchase probabilities (recency states) and of migrations.
    let stateCounts: [(purchase: Int, migration: Int)]

    init(scenario: Scenario) {
        inputs = scenario.inputs
        stateCounts = scenario.segments.map { segment in
            var purchase = 0
            if case .recency(let probabilities) = segment.retention { purchase = probabilities.count }
            return (purchase, segment.migration.count)
        }
        segmentCount = scenario.segments.count
        planCount = scenario.acquisition.count
        retentionSpend = scenario.segments.map { segment in
            guard case .constantResponse(let curve) = segment.retention else { return nil }
            return max(0, curve.spend.value(in: scenario.decisions))
        }
        conversionSpend = scenario.acquisition.map { plan in
            guard case .prospects(_, let curve) = plan.volume else { return nil }
            return max(0, curve.spend.value(in: scenario.decisions))
        }
    }

    /// Index of the input whose scenario path is `path`.
    func index(ofPath path: String) -> Int? {
        inputs.firstIndex { $0.path == path }
    }
}
