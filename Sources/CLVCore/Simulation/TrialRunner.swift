/// Runs one trial from its drawn inputs: the baseline's history, the exact expectations given
/// the trial's parameters, LTV/CAC, and every strategy coupled to the baseline's draws.
///
/// - Complexity: (1 + strategies with changes) trial simulations, plus O(S · H) for the
///   expectations.
struct TrialRunner {
    let model: SimulationModel
    private var simulator: TrialSimulator
    private var strategies: StrategyEvaluator

    /// Whether strategies return their per-period flows (for extra discount rates).
    let strategyFlows: Bool

    /// `couplesStrategies`: on, each strategy's world is simulated conditionally on the
    /// baseline's recorded draws (`TrialSimulator+Coupling.swift`); off (the default), alone with
    /// the baseline's stream keys — common random numbers only, which pair the two worlds more
    /// tightly on every case measured in docs/strategies.md "How coupling works, and what it buys".
    init(model: SimulationModel, seed: UInt64, isCancelled: (@Sendable () -> Bool)? = nil, strategyFlows: Bool = false,
         couplesStrategies: Bool = false) {
        self.model = model
        self.strategyFlows = strategyFlows
        simulator = TrialSimulator(model: model, seed: seed, isCancelled: isCancelled)
        simulator.coupling.records = couplesStrategies && model.strategies.contains { !$0.changes.isEmpty }
        simulator.coupling.couplesStrategies = couplesStrategies
        strategies = StrategyEvaluator(model: model, seed: seed)
    }

    /// The outcome of `trial` with the given drawn inputs (in input order) and the uniforms they
    /// were drawn from (NaN for fixed inputs); nil when the run was cancelled during the trial.
    mutating func run(trial: Int, inputs: ArraySlice<Double>, uniforms: ArraySlice<Double>) -> TrialOutcome? {
        let parameters = TrialParameters(layout: model.layout, values: Array(inputs))
        let history = simulator.simulate(trial: trial, parameters: parameters)
        guard !history.cancelled else { return nil }
        let expected = ExpectedValues(model: model, parameters: parameters,
                                      schedules: history.schedules, discount: history.discount)
        var ltvToCac = [Double](repeating: .nan, count: model.scenario.segments.count)
        for s in ltvToCac.indices where !model.budgetPlans[s].isEmpty {
            ltvToCac[s] = expected.clv[s] / effectiveCAC(segment: s, parameters)
        }
        let outcomes = model.strategies.indices.map { j in
            strategies.evaluate(strategy: j, trial: trial, inputs: inputs, uniforms: uniforms, baseline: history,
                                baselineClamped: parameters.clampedCount, simulator: &simulator, flows: strategyFlows)
        }
        guard !outcomes.contains(where: \.cancelled) else { return nil }
        return TrialOutcome(history: history, expected: expected, ltvToCac: ltvToCac, strategies: outcomes)
    }

    /// The effective CAC of a segment's budget plans in a trial (docs/model.md, `ltvToCac`):
    /// their total budget over the horizon divided by the whole customers it buys,
    /// Σ_p budget_p·n_p / Σ_p ⌊budget_p / cac_p⌋·n_p with n_p the plan's periods within the
    /// horizon; infinite when the budget buys no customer (LTV/CAC is then 0); the mean drawn
    /// CAC when there is no budget at all.
    private func effectiveCAC(segment s: Int, _ parameters: TrialParameters) -> Double {
        var budget = 0.0, customers = 0.0, cacs = 0.0
        for p in model.budgetPlans[s] {
            let plan = parameters.plans[p]
            let periods = Double(model.planPeriods[p])
            budget += plan.spendPerPeriod * periods
            customers += Double(plan.customersPerPeriod) * periods
            cacs += plan.cac ?? 1
        }
        if customers > 0 { return budget / customers }
        return budget > 0 ? .infinity : cacs / Double(model.budgetPlans[s].count)
    }
}
