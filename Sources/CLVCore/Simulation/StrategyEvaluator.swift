import CLVRandom

/// Simulates a strategy in a trial coupled to the baseline (docs/strategies.md): the trial's
/// drawn inputs with the strategy's changes applied, every customer draw made conditionally on
/// the baseline's draw for the same role (`TrialSimulator+Coupling.swift`), and the strategy's
/// cost discounted like cash flows. The strategy's own draws are keyed by its name, so that the
/// order of the strategies changes no number.
///
/// - Complexity: one trial simulation per strategy with changes, plus O(segments).
struct StrategyEvaluator {
    let model: SimulationModel
    let seed: UInt64
    private var changed: [Double]
    /// Per strategy: its coupling stream key, the stream keys of its changes' `set` draws and of
    /// its three cost items, from its name (`StreamKey.path`).
    private let coupledKeys: [UInt64]
    private let setKeys: [[UInt64]]
    private let costKeys: [[UInt64]]

    init(model: SimulationModel, seed: UInt64) {
        self.model = model
        self.seed = seed
        changed = [Double](repeating: 0, count: model.layout.inputs.count)
        coupledKeys = model.strategies.map { CouplingState.key(strategy: $0.name) }
        setKeys = model.strategies.map { strategy in
            strategy.changes.indices.map { StreamKey.path("strategies.\(strategy.name).changes.\($0).set") }
        }
        costKeys = model.strategies.map { strategy in
            ["upfront", "perPeriod", "perActiveCustomer"].map { StreamKey.path("strategies.\(strategy.name).cost.\($0)") }
        }
    }

    /// One draw of a strategy's distribution (a `set` value or a cost item) from the stream of
    /// `purpose` with `key`.
    private func draw(_ distribution: Distribution, trial: Int, purpose: StreamPurpose, key: UInt64) -> Double {
        if case .fixed(let value) = distribution { return value }
        var rng = RandomStream(seed: seed, trial: trial, purpose: purpose, key: key)
        return distribution.quantile(rng.nextOpenUnit())
    }

    /// Strategy `j` in `trial`, given the trial's drawn inputs and the baseline's history; with
    /// `flows`, also its per-period incremental cash flow and cost (for extra discount rates).
    mutating func evaluate(strategy j: Int, trial: Int, inputs: ArraySlice<Double>, baseline: TrialHistory,
                           baselineClamped: Int, simulator: inout TrialSimulator,
                           flows: Bool = false) -> TrialOutcome.StrategyOutcome {
        let strategy = model.strategies[j]
        for (i, value) in inputs.enumerated() { changed[i] = value }
        for (c, change) in strategy.changes.enumerated() {
            switch change.operation {
            case .set(let distribution):
                changed[change.input] = draw(distribution, trial: trial, purpose: .strategyInput, key: setKeys[j][c])
            case .add(let amount): changed[change.input] += amount
            case .multiply(let factor): changed[change.input] *= factor
            }
        }
        let parameters = TrialParameters(layout: model.layout, values: changed)
        let history = strategy.changes.isEmpty
            ? baseline : simulator.simulate(trial: trial, parameters: parameters, coupledTo: coupledKeys[j])
        guard !history.cancelled else {
            return .init(incrementalValue: .nan, cost: .nan, capped: false, clamped: false, cancelled: true)
        }
        let discount = history.discount
        let upfront = strategy.upfront.map { draw($0, trial: trial, purpose: .strategyCost, key: costKeys[j][0]) } ?? 0
        let perPeriod = strategy.perPeriod.map { draw($0, trial: trial, purpose: .strategyCost, key: costKeys[j][1]) } ?? 0
        let perActive = strategy.perActiveCustomer.map { draw($0, trial: trial, purpose: .strategyCost, key: costKeys[j][2]) } ?? 0
        var cost = 0.0
        if strategy.upfront != nil { cost += upfront * discount[0] }
        if strategy.perPeriod != nil { cost += perPeriod * discount.reduce(0, +) }
        if strategy.perActiveCustomer != nil {
            var customerPeriods = 0.0
            for (s, applies) in strategy.appliesTo.enumerated() where applies {
                customerPeriods += history.discountedActive[s]
            }
            cost += perActive * customerPeriods
        }
        var outcome = TrialOutcome.StrategyOutcome(
            incrementalValue: history.customerEquity - baseline.customerEquity, cost: cost,
            capped: history.capped, clamped: parameters.clampedCount > baselineClamped)
        guard flows else { return outcome }
        let horizon = discount.count
        outcome.incrementalCashFlow = (1...horizon).map { history.netCashFlow(period: $0) - baseline.netCashFlow(period: $0) }
        outcome.costFlow = (0..<horizon).map { t in
            var active = 0.0
            for (s, applies) in strategy.appliesTo.enumerated() where applies {
                active += history.activeBySegment[s * horizon + t]
            }
            return (t == 0 ? upfront : 0) + perPeriod + perActive * active
        }
        return outcome
    }
}
