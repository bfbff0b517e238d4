import CLVRandom

/// Simulates a strategy in a trial paired with the baseline (docs/strategies.md): the trial's
/// drawn inputs with the strategy's changes applied (each in the periods of its window), the
/// same random streams for the same roles (common random numbers) or, when the runner couples
/// strategies, every customer draw made conditionally on the baseline's draw for the same role
/// (`TrialSimulator+Coupling.swift`), and the strategy's cost discounted like cash flows. The
/// strategy's own draws are keyed by its name, so that the order of strategies changes no number.
///
/// A change's amount (`add`, `multiply`) is an input of the trial; a `set` takes the new
/// distribution's value at the quantile the trial drew for the target, u, so that a `set` to the
/// target's own distribution changes nothing, and two strategies that set the same target see
/// the same u whatever their order.
///
/// - Complexity: one trial simulation per strategy with changes, plus O(regimes · inputs + S · H).
struct StrategyEvaluator {
    let model: SimulationModel
    let seed: UInt64
    /// Per strategy: the key of its coupled streams, from its name (`CouplingState.key(strategy:)`).
    private let coupledKeys: [UInt64]

    init(model: SimulationModel, seed: UInt64) {
        self.model = model
        self.seed = seed
        coupledKeys = model.strategies.map { CouplingState.key(strategy: $0.name) }
    }

    /// One draw of a cost item (`item` 0, 1, 2: upfront, per period, per active customer).
    private func cost(_ distribution: Distribution?, strategy: StrategyModel, item: Int, trial: Int) -> Double {
        guard let distribution else { return 0 }
        if case .fixed(let value) = distribution { return value }
        var rng = RandomStream(seed: seed, trial: trial, purpose: .strategyCost, key: strategy.costKeys[item])
        return distribution.quantile(rng.nextOpenUnit())
    }

    /// The uniform of input `i` in `trial`: the one the trial drew, or, for an input with a
    /// fixed value, one from a stream keyed by the input's path.
    private func uniform(of i: Int, trial: Int, uniforms: ArraySlice<Double>) -> Double {
        let u = uniforms[uniforms.startIndex + i]
        if !u.isNaN { return u }
        var rng = RandomStream(seed: seed, trial: trial, purpose: .strategyInput, key: model.inputKeys[i])
        return rng.nextOpenUnit()
    }

    /// The trial's parameters in each of the strategy's regimes.
    private func regimeParameters(_ strategy: StrategyModel, trial: Int, inputs: ArraySlice<Double>,
                                  uniforms: ArraySlice<Double>) -> [TrialParameters] {
        strategy.regimes.map { active in
            var changed = Array(inputs)
            for c in active {
                let change = strategy.changes[c]
                switch change.operation {
                case .set(let distribution):
                    changed[change.input] = distribution.quantile(uniform(of: change.input, trial: trial, uniforms: uniforms))
                case .add:
                    changed[change.input] += inputs[inputs.startIndex + change.amountInput!]
                case .multiply:
                    changed[change.input] *= inputs[inputs.startIndex + change.amountInput!]
                }
            }
            return TrialParameters(layout: model.layout, values: changed)
        }
    }

    /// Strategy `j` in `trial`, given the trial's drawn inputs and their uniforms (NaN for fixed
    /// inputs) and the baseline's history; with `flows`, also its per-period incremental cash
    /// flow and cost (for extra discount rates).
    mutating func evaluate(strategy j: Int, trial: Int, inputs: ArraySlice<Double>, uniforms: ArraySlice<Double>,
                           baseline: TrialHistory, baselineClamped: Int, simulator: inout TrialSimulator,
                           flows: Bool = false) -> TrialOutcome.StrategyOutcome {
        let strategy = model.strategies[j]
        let regimes = regimeParameters(strategy, trial: trial, inputs: inputs, uniforms: uniforms)
        let history = strategy.changes.isEmpty
            ? baseline
            : simulator.simulate(trial: trial, regimes: regimes,
                                 regimeOfPeriod: regimes.count > 1 ? strategy.regimeOfPeriod : nil,
                                 coupledTo: coupledKeys[j])
        guard !history.cancelled else {
            return .init(incrementalValue: .nan, cost: .nan, capped: false, clamped: false, cancelled: true)
        }
        let discount = history.discount
        let horizon = discount.count
        let upfront = cost(strategy.upfront, strategy: strategy, item: 0, trial: trial)
        let perPeriod = cost(strategy.perPeriod, strategy: strategy, item: 1, trial: trial)
        let perActive = cost(strategy.perActiveCustomer, strategy: strategy, item: 2, trial: trial)
        var costFlow = [Double](repeating: 0, count: horizon)
        var incrementalFlow = [Double](repeating: 0, count: horizon)
        var totalCost = 0.0
        for t in 0..<horizon {
            var paid = t == 0 ? upfront : 0
            if strategy.costPeriods[t] {
                paid += perPeriod
                if perActive != 0 {
                    var active = 0.0
                    for (s, applies) in strategy.appliesTo.enumerated() where applies {
                        active += history.activeBySegment[s * horizon + t]
                    }
                    paid += perActive * active
                }
            }
            costFlow[t] = paid
            totalCost += discount[t] * paid
            incrementalFlow[t] = history.netCashFlow(period: t + 1) - baseline.netCashFlow(period: t + 1)
        }
        var outcome = TrialOutcome.StrategyOutcome(
            incrementalValue: history.customerEquity - baseline.customerEquity, cost: totalCost,
            capped: history.capped, clamped: regimes.contains { $0.clampedCount > baselineClamped })
        outcome.segmentIncrementalValues = zip(history.segmentValues, baseline.segmentValues).map { $0 - $1 }
        outcome.paybackPeriod = Self.paybackPeriod(incremental: incrementalFlow, cost: costFlow, discount: discount)
        if flows {
            outcome.incrementalCashFlow = incrementalFlow
            outcome.costFlow = costFlow
        }
        return outcome
    }

    /// The first period at which the cumulative discounted net cash flow
    /// C_t = Σ_{u ≤ t} D_u · (incremental_u − cost_u) turns and stays non-negative, i.e. the
    /// smallest t with C_u ≥ 0 for every u ≥ t; NaN when C_H < 0 (no payback within the horizon).
    ///
    /// - Complexity: O(H).
    static func paybackPeriod(incremental: [Double], cost: [Double], discount: [Double]) -> Double {
        var cumulative = 0.0
        var lastNegative = 0  // 1-based period of the last C_t < 0, 0 for none
        for t in discount.indices {
            cumulative += discount[t] * (incremental[t] - cost[t])
            if cumulative < 0 { lastNegative = t + 1 }
        }
        if lastNegative == discount.count { return .nan }
        return Double(lastNegative + 1)
    }
}
