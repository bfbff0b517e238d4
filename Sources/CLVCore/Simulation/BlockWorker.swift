import CLVLinearAlgebra
import CLVRandom

/// One worker's state: a trial simulator and block buffers, reused for every block it takes.
struct BlockWorker {
    let model: SimulationModel
    let options: SimulationOptions
    let metricCount: Int
    /// Per-period series are kept for the trials of the run below this index (relative to the
    /// run's first trial).
    let seriesTrials: Int
    let hypercube: LatinHypercube?
    /// For each input, its position among the uncertain inputs, or −1.
    private let uncertainPosition: [Int]
    private var simulator: TrialSimulator
    private var inputValues: [Double]
    private var strategyValues: [Double]
    /// Cash flows of the block's trials: row `4·i + c` is component c of the block's trial i.
    private var blockCashFlows: Matrix
    /// Discount factors of the extra rates: column e holds D_t at rate e.
    private let extraDiscount: Matrix
    private var extraValues: Matrix
    /// Drawn inputs of the block's trials: row i holds trial `blockStart + i`, input order.
    private var blockInputs: [Double]
    /// Normal scores of the correlated inputs (blockSize × m), and the correlated scores.
    private var scores: Matrix
    private var correlatedScores: Matrix
    /// For each input, its column among the correlated inputs, or −1.
    private let correlatedColumn: [Int]
    private(set) var flags: TrialFlags

    init(model: SimulationModel, options: SimulationOptions, metricCount: Int, seriesTrials: Int,
         hypercube: LatinHypercube? = nil) {
        self.model = model
        self.options = options
        self.metricCount = metricCount
        self.seriesTrials = seriesTrials
        self.hypercube = hypercube
        var position = [Int](repeating: -1, count: model.layout.inputs.count)
        for (k, i) in model.uncertainInputs.enumerated() { position[i] = k }
        uncertainPosition = position
        simulator = TrialSimulator(model: model, seed: options.seed)
        inputValues = [Double](repeating: 0, count: model.layout.inputs.count)
        strategyValues = inputValues
        let rates = options.extraDiscountRates
        let rows = CashFlowComponent.count * Simulation.blockSize
        blockCashFlows = Matrix(rows: rates.isEmpty ? 0 : rows, columns: model.horizon)
        var discount = Matrix(rows: model.horizon, columns: rates.count)
        var column = [Double](repeating: 0, count: model.horizon)
        for (e, rate) in rates.enumerated() {
            TrialSimulator.discountFactors(annualRate: rate, scenario: model.scenario, into: &column)
            for t in 0..<model.horizon { discount[t, e] = column[t] }
        }
        extraDiscount = discount
        extraValues = Matrix(rows: rates.isEmpty ? 0 : rows, columns: rates.count)
        flags = TrialFlags(strategies: model.strategies.count)
        blockInputs = [Double](repeating: 0, count: Simulation.blockSize * model.layout.inputs.count)
        let correlated = model.correlation?.inputs ?? []
        scores = Matrix(rows: correlated.isEmpty ? 0 : Simulation.blockSize, columns: correlated.count)
        correlatedScores = scores
        var columnOfInput = [Int](repeating: -1, count: model.layout.inputs.count)
        for (c, i) in correlated.enumerated() { columnOfInput[i] = c }
        correlatedColumn = columnOfInput
    }

    /// Draws the inputs of every trial in the block. Input i of a trial is `quantile(u)` with u
    /// from the stream (seed, trial, hash of the input's path); correlated inputs use u = Φ(z) with z = L·Φ⁻¹(u)
    /// over the correlated inputs, computed for the whole block with one matrix product (dgemm).
    private mutating func drawInputs(_ range: Range<Int>) {
        let count = model.layout.inputs.count
        let correlated = model.correlation != nil
        for (local, trial) in range.enumerated() {
            for i in 0..<count {
                let quantile = model.quantiles[i]
                if case .fixed(let value) = quantile {
                    blockInputs[local * count + i] = value
                    continue
                }
                var rng = RandomStream(seed: options.seed, trial: trial, purpose: .input, key: model.inputKeys[i])
                var u = rng.nextOpenUnit()
                if let hypercube { u = hypercube.uniform(input: uncertainPosition[i], trial: trial, draw: u) }
                if correlated, correlatedColumn[i] >= 0 {
                    scores[local, correlatedColumn[i]] = SpecialFunctions.normalQuantile(u)
                } else {
                    blockInputs[local * count + i] = quantile.value(u)
                }
            }
        }
        guard let correlation = model.correlation else { return }
        for local in range.count..<Simulation.blockSize {
            for c in 0..<scores.columns { scores[local, c] = 0 }
        }
        do {
            try BLAS.gemm(scores, correlation.factor, transposeB: true, into: &correlatedScores)
        } catch {
            return  // Shapes are fixed by construction.
        }
        for local in 0..<range.count {
            for (c, i) in correlation.inputs.enumerated() {
                // Keep u inside (0, 1) so that unbounded quantiles stay finite.
                let u = min(max(SpecialFunctions.normalCDF(correlatedScores[local, c]), 0x1p-60), 1 - 0x1p-53)
                blockInputs[local * count + i] = model.quantiles[i].value(u)
            }
        }
    }

    /// One draw of a strategy's distribution (a `set` value or a cost item).
    private func draw(_ distribution: Distribution, trial: Int, purpose: StreamPurpose, _ a: Int, _ b: Int) -> Double {
        if case .fixed(let value) = distribution { return value }
        var rng = RandomStream(seed: options.seed, trial: trial, purpose: purpose, a, b)
        return distribution.quantile(rng.nextOpenUnit())
    }

    /// Simulates the trials in `range` (one block) and writes their rows of `out`.
    mutating func run(_ range: Range<Int>, into out: BlockOutput) {
        let horizon = model.horizon
        let blockStart = range.lowerBound
        let rates = options.extraDiscountRates
        if !rates.isEmpty {
            for i in blockCashFlows.elements.indices { blockCashFlows.elements[i] = 0 }
        }
        drawInputs(range)
        let inputCount = model.layout.inputs.count
        for trial in range {
            let local = trial - blockStart
            for i in 0..<inputCount { inputValues[i] = blockInputs[local * inputCount + i] }
            let row = trial - options.firstTrial
            for (k, i) in model.uncertainInputs.enumerated() {
                out.inputs[row * model.uncertainInputs.count + k] = inputValues[i]
            }
            let parameters = TrialParameters(layout: model.layout, values: inputValues)
            let history = simulator.simulate(trial: trial, parameters: parameters)
            if history.capped { flags.cappedTrials += 1 }
            let expected = ExpectedValues(model: model, parameters: parameters,
                                          schedules: simulator.schedules, discount: simulator.discount)
            var m = row * metricCount
            func put(_ value: Double) {
                out.metrics[m] = value
                m += 1
            }
            put(history.customerEquity)
            for c in CashFlowComponent.allCases { put(history.componentValues[c.rawValue]) }
            for s in model.scenario.segments.indices {
                put(expected.clv[s])
                put(expected.clvWithReferrals[s])
                put(expected.residualClv[s])
                if !model.budgetPlans[s].isEmpty { put(expected.clv[s] / effectiveCAC(segment: s, parameters)) }
            }
            if row < seriesTrials {
                for t in 1...horizon {
                    out.active[row * horizon + t - 1] = simulator.activeCustomers(period: t)
                    out.cash[row * horizon + t - 1] = simulator.cashFlow(.current, period: t)
                        + simulator.cashFlow(.plan, period: t) + simulator.cashFlow(.referral, period: t)
                        - simulator.cashFlow(.spend, period: t)
                }
            }
            if !rates.isEmpty {
                let cashFlows = simulator.cashFlows
                let rowBase = CashFlowComponent.count * (trial - blockStart)
                for c in 0..<CashFlowComponent.count {
                    for t in 0..<horizon { blockCashFlows[rowBase + c, t] = cashFlows[c * horizon + t] }
                }
            }
            for (j, strategy) in model.strategies.enumerated() {
                let (incremental, cost) = simulate(strategy, index: j, trial: trial, baseline: history,
                                                   baselineClamped: parameters.clampedCount)
                put(incremental)
                put(cost)
                put(incremental - cost)
                put(cost != 0 ? (incremental - cost) / cost : .nan)
            }
        }
        guard !rates.isEmpty else { return }
        // Discount every trial's cash flows at every extra rate in one product.
        do {
            try BLAS.gemm(blockCashFlows, extraDiscount, into: &extraValues)
        } catch {
            return  // Shapes are fixed by construction; a mismatch leaves the extra-rate metrics NaN.
        }
        let first = metricCount - rates.count
        for trial in range {
            let rowBase = CashFlowComponent.count * (trial - blockStart)
            for e in 0..<rates.count {
                let value = extraValues[rowBase + CashFlowComponent.current.rawValue, e]
                    + extraValues[rowBase + CashFlowComponent.plan.rawValue, e]
                    + extraValues[rowBase + CashFlowComponent.referral.rawValue, e]
                    - extraValues[rowBase + CashFlowComponent.spend.rawValue, e]
                out.metrics[(trial - options.firstTrial) * metricCount + first + e] = value
            }
        }
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

    /// Simulates a strategy in a trial under common random numbers; returns its incremental
    /// value (customer equity with its changes, before its cost, less the baseline's) and its
    /// discounted cost.
    private mutating func simulate(_ strategy: StrategyModel, index j: Int, trial: Int,
                                   baseline: TrialHistory, baselineClamped: Int) -> (Double, Double) {
        strategyValues = inputValues
        for (c, change) in strategy.changes.enumerated() {
            switch change.operation {
            case .set(let distribution):
                strategyValues[change.input] = draw(distribution, trial: trial, purpose: .strategyInput, j, c)
            case .add(let amount): strategyValues[change.input] += amount
            case .multiply(let factor): strategyValues[change.input] *= factor
            }
        }
        let parameters = TrialParameters(layout: model.layout, values: strategyValues)
        if parameters.clampedCount > baselineClamped { flags.clampedStrategyTrials[j] += 1 }
        let history = strategy.changes.isEmpty ? baseline : simulator.simulate(trial: trial, parameters: parameters)
        if history.capped { flags.cappedTrials += 1 }
        let discount = simulator.discount
        var cost = 0.0
        if let upfront = strategy.upfront {
            cost += draw(upfront, trial: trial, purpose: .strategyCost, j, 0) * discount[0]
        }
        if let perPeriod = strategy.perPeriod {
            cost += draw(perPeriod, trial: trial, purpose: .strategyCost, j, 1) * discount.reduce(0, +)
        }
        if let perActive = strategy.perActiveCustomer {
            var customerPeriods = 0.0
            for (s, applies) in strategy.appliesTo.enumerated() where applies {
                customerPeriods += history.discountedActive[s]
            }
            cost += draw(perActive, trial: trial, purpose: .strategyCost, j, 2) * customerPeriods
        }
        return (history.customerEquity - baseline.customerEquity, cost)
    }
}
