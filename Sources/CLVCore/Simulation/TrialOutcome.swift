/// Everything one trial yields: the baseline's history, the exact expectations given the trial's
/// parameters, and each strategy's outcome. `value(of:)` is the one definition of what each
/// metric column holds (docs/model.md "What a run reports").
struct TrialOutcome {
    /// One strategy's result in the trial, under common random numbers with the baseline.
    struct StrategyOutcome {
        /// Customer equity with the strategy's changes, before its cost, less the baseline's.
        var incrementalValue: Double
        /// The strategy's discounted cost.
        var cost: Double
        /// Whether a customer count with the strategy's changes was capped.
        var capped: Bool
        /// Whether the strategy's changes pushed an input outside its domain (then clamped).
        var clamped: Bool
        /// Whether the run was cancelled during the strategy's simulation (the outcome is void).
        var cancelled = false
        /// Per segment: the strategy's segment value less the baseline's (they add up to
        /// `incrementalValue`).
        var segmentIncrementalValues: [Double] = []
        /// The first period from which the cumulative discounted net cash flow stays ≥ 0; NaN
        /// when it ends below 0.
        var paybackPeriod = Double.nan
        /// Per period, undiscounted: the strategy's net cash flow less the baseline's, and its
        /// cost; empty unless the run reports extra discount rates.
        var incrementalCashFlow: [Double] = []
        var costFlow: [Double] = []

        var netValue: Double { incrementalValue - cost }
        /// Undefined (NaN) when the cost is zero.
        var romi: Double { cost != 0 ? (incrementalValue - cost) / cost : .nan }
    }

    var history: TrialHistory
    var expected: ExpectedValues
    /// Per segment: `clv` over the effective CAC of its budget plans; NaN without a budget plan.
    var ltvToCac: [Double]
    var strategies: [StrategyOutcome]

    /// The value of `metric` in this trial; nil for customer equity at an extra rate, which is
    /// computed for a block of trials at once (`ExtraRateDiscounting`).
    func value(of metric: TrialMetric) -> Double? {
        switch metric {
        case .customerEquity: return history.customerEquity
        case .currentCustomerValue: return history.value(.current)
        case .newCustomerValue: return history.value(.plan)
        case .referralValue: return history.value(.referral)
        case .acquisitionSpend: return history.value(.spend)
        case .retentionSpend: return history.value(.retentionSpend)
        case .clv(let s): return expected.clv[s]
        case .clvWithReferrals(let s): return expected.clvWithReferrals[s]
        case .residualClv(let s): return expected.residualClv[s]
        case .ltvToCac(let s): return ltvToCac[s]
        case .perpetualClv(let s): return expected.perpetualClv[s]
        case .recencyValue(let s, let j): return expected.recencyValues[s][j - 1]
        case .incrementalValue(let j): return strategies[j].incrementalValue
        case .cost(let j): return strategies[j].cost
        case .netValue(let j): return strategies[j].netValue
        case .romi(let j): return strategies[j].romi
        case .segmentIncrementalValue(let j, let s): return strategies[j].segmentIncrementalValues[s]
        case .paybackPeriod(let j): return strategies[j].paybackPeriod
        case .customerEquityAtRate, .clvAtRate, .netValueAtRate, .romiAtRate: return nil
        }
    }
}
