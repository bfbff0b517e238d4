import CLVLinearAlgebra

/// The values of a block of trials at the run's extra annual discount rates, by one matrix
/// product (BLAS dgemm) (docs/model.md "Time, timing and discounting", docs/results.md).
///
/// Each trial has R = 5 + S + 2J rows of undiscounted per-period amounts: its five
/// `CashFlowComponent`s; for each segment s the expected cash of one new customer by tenure,
/// S_s(k)·e_s(k) (`ExpectedValues.newCustomerCash`; tenure k paid in period k + 1, so that Σ_k D(k+1)·S(k)·e(k) is `clv`); for
/// each strategy its incremental net cash flow and its cost flow. The (R·blockSize × H) matrix
/// of these rows times the (H × rates) matrix of discount factors D_e(t) gives every value at
/// every rate at once: customer equity, each segment's `clv`, each strategy's net value
/// (incremental value − cost) and ROMI.
///
/// A trial's rows are at its offset from the block's first trial index, however the run is
/// split, so its values never depend on the other trials of the block.
///
/// - Complexity: O(blockSize · R · H · rates) per block.
struct ExtraRateDiscounting {
    let rates: [Double]
    let horizon: Int
    private let segments: Int
    private let strategies: Int
    private let rowsPerTrial: Int
    private var amounts: Matrix
    private let discount: Matrix
    private var values: Matrix

    init(rates: [Double], scenario: Scenario) {
        self.rates = rates
        horizon = scenario.horizonPeriods
        segments = scenario.segments.count
        strategies = scenario.strategies.count
        rowsPerTrial = CashFlowComponent.count + segments + 2 * strategies
        let rows = rates.isEmpty ? 0 : rowsPerTrial * Simulation.blockSize
        amounts = Matrix(rows: rows, columns: horizon)
        var discount = Matrix(rows: horizon, columns: rates.count)
        var column = [Double](repeating: 0, count: horizon)
        for (e, rate) in rates.enumerated() {
            TrialSimulator.discountFactors(annualRate: rate, scenario: scenario, into: &column)
            for t in 0..<horizon { discount[t, e] = column[t] }
        }
        self.discount = discount
        values = Matrix(rows: rows, columns: rates.count)
    }

    /// Clears the block's amounts.
    mutating func startBlock() {
        for i in amounts.elements.indices { amounts.elements[i] = 0 }
    }

    /// Records the amounts of the trial at `offset` from the block's first trial index.
    mutating func record(_ outcome: TrialOutcome, offset: Int) {
        let base = rowsPerTrial * offset
        let history = outcome.history
        for c in CashFlowComponent.allCases {
            for t in 0..<horizon { amounts[base + c.row, t] = history.cashFlows[c.row * horizon + t] }
        }
        for (s, cash) in outcome.expected.newCustomerCash.enumerated() {
            let row = base + CashFlowComponent.count + s
            for k in 0..<horizon { amounts[row, k] = cash[k] }
        }
        for (j, strategy) in outcome.strategies.enumerated() where !strategy.incrementalCashFlow.isEmpty {
            let row = base + CashFlowComponent.count + segments + 2 * j
            for t in 0..<horizon {
                amounts[row, t] = strategy.incrementalCashFlow[t]
                amounts[row + 1, t] = strategy.costFlow[t]
            }
        }
    }

    /// Discounts every recorded trial at every rate. False when the product failed (shapes are
    /// fixed by construction, so it does not).
    mutating func discountBlock() -> Bool {
        do {
            try BLAS.gemm(amounts, discount, into: &values)
            return true
        } catch {
            return false
        }
    }

    /// Every metric at an extra rate of the trial at `offset`, after `discountBlock()`.
    func values(offset: Int) -> [(TrialMetric, Double)] {
        let base = rowsPerTrial * offset
        var out: [(TrialMetric, Double)] = []
        out.reserveCapacity(rates.count * (1 + segments + 2 * strategies))
        for e in rates.indices {
            let equity = values[base + CashFlowComponent.current.row, e] + values[base + CashFlowComponent.plan.row, e]
                + values[base + CashFlowComponent.referral.row, e] - values[base + CashFlowComponent.spend.row, e]
                - values[base + CashFlowComponent.retentionSpend.row, e]
            out.append((.customerEquityAtRate(rate: e), equity))
            for s in 0..<segments {
                out.append((.clvAtRate(segment: s, rate: e), values[base + CashFlowComponent.count + s, e]))
            }
            for j in 0..<strategies {
                let row = base + CashFlowComponent.count + segments + 2 * j
                let incremental = values[row, e], cost = values[row + 1, e]
                out.append((.netValueAtRate(strategy: j, rate: e), incremental - cost))
                out.append((.romiAtRate(strategy: j, rate: e), cost != 0 ? (incremental - cost) / cost : .nan))
            }
        }
        return out
    }
}
