import CLVLinearAlgebra

/// Customer equity of a block of trials at the run's extra annual discount rates, by one
/// matrix product (BLAS dgemm): the (4·blockSize × H) matrix of the trials' undiscounted cash
/// flows, one row per trial and `CashFlowComponent`, times the (H × rates) matrix of discount
/// factors (docs/model.md "Time, timing and discounting").
///
/// A trial's rows are at its offset from the block's first trial index, however the run is
/// split, so its values never depend on the other trials of the block.
///
/// - Complexity: O(blockSize · H · rates) per block.
struct ExtraRateDiscounting {
    let rates: [Double]
    let horizon: Int
    private var cashFlows: Matrix
    private let discount: Matrix
    private var values: Matrix

    init(rates: [Double], scenario: Scenario) {
        self.rates = rates
        horizon = scenario.horizonPeriods
        let rows = rates.isEmpty ? 0 : CashFlowComponent.count * Simulation.blockSize
        cashFlows = Matrix(rows: rows, columns: horizon)
        var discount = Matrix(rows: horizon, columns: rates.count)
        var column = [Double](repeating: 0, count: horizon)
        for (e, rate) in rates.enumerated() {
            TrialSimulator.discountFactors(annualRate: rate, scenario: scenario, into: &column)
            for t in 0..<horizon { discount[t, e] = column[t] }
        }
        self.discount = discount
        values = Matrix(rows: rows, columns: rates.count)
    }

    /// Clears the block's cash flows.
    mutating func startBlock() {
        for i in cashFlows.elements.indices { cashFlows.elements[i] = 0 }
    }

    /// Records the cash flows of the trial at `offset` from the block's first trial index.
    mutating func record(_ history: TrialHistory, offset: Int) {
        let base = CashFlowComponent.count * offset
        for c in CashFlowComponent.allCases {
            for t in 0..<horizon { cashFlows[base + c.row, t] = history.cashFlows[c.row * horizon + t] }
        }
    }

    /// Discounts every recorded trial at every rate; `equity(offset, e)` is then customer equity
    /// of the trial at `offset` at rate `e`. False when the product failed (shapes are fixed by
    /// construction, so it does not).
    mutating func discountBlock() -> Bool {
        do {
            try BLAS.gemm(cashFlows, discount, into: &values)
            return true
        } catch {
            return false
        }
    }

    /// Customer equity of the trial at `offset` at extra rate `e`, after `discountBlock()`.
    func equity(offset: Int, rate e: Int) -> Double {
        let base = CashFlowComponent.count * offset
        return values[base + CashFlowComponent.current.row, e] + values[base + CashFlowComponent.plan.row, e]
            + values[base + CashFlowComponent.referral.row, e] - values[base + CashFlowComponent.spend.row, e]
    }
}
