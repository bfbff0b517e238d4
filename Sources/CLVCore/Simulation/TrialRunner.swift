/// Runs one trial from its drawn inputs: the baseline's history, the exact expectations given
/// the trial's parameters, LTV/CAC, and every strategy under common random numbers.
///
/// - Complexity: (1 + strategies with changes) trial simulations, plus O(S · H) for the
///   expectations.
struct TrialRunner {
    let model: SimulationModel
    private var simulator: TrialSimulator
    private var strategies: StrategyEvaluator

    init(model: SimulationModel, seed: UInt64) {
        self.model = model
        simulator = TrialSimulator(model: model, seed: seed)
        strategies = StrategyEvaluator(model: model, seed: seed)
    }

    /// The outcome of `trial` with the given drawn inputs (in input order).
    mutating func run(trial: Int, inputs: ArraySlice<Double>) -> TrialOutcome {
        let parameters = TrialParameters(layout: model.layout, values: Array(inputs))
        let history = simulator.simulate(trial: trial, parameters: parameters)
        let expected = ExpectedValues(model: model, parameters: parameters,
                                      schedules: history.schedules, discount: history.discount)
        var ltvToCac = [Double](repeating: .nan, count: model.scenario.segments.count)
        for s in ltvToCac.indices where !model.budgetPlans[s].isEmpty {
            ltvToCac[s] = expected.clv[s] / effectiveCAC(segment: s, parameters)
        }
        let outcomes = model.strategies.indices.map { j in
            strategies.evaluate(strategy: j, trial: trial, inputs: inputs, baseline: history,
                                baselineClamped: parameters.clampedCount, simulator: &simulator)
        }
        return TrialOutcome(history: history, expected: expected, ltvToCac: ltvToCac, strategies: outcomes)
    }

    /// The effective CAC of a segment's budget plans in a trial: total budget over total
    /// customers bought, Σ budget / Σ (budget / cac); the mean CAC when every budget is zero.
    private func effectiveCAC(segment s: Int, _ parameters: TrialParameters) -> Double {
        var budget = 0.0, customers = 0.0, cacs = 0.0
        for p in model.budgetPlans[s] {
            let plan = parameters.plans[p]
            let cac = plan.cac ?? 1
            budget += plan.spendPerPeriod
            customers += plan.spendPerPeriod / cac
            cacs += cac
        }
        return customers > 0 ? budget / customers : cacs / Double(model.budgetPlans[s].count)
    }
}
