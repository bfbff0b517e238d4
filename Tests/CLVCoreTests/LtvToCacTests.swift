import Testing
@testable import CLVCore

/// LTV/CAC with several budget plans: the plans' total budget over the customers it buys,
/// plan lengths and whole customers counted (docs/model.md, `ltvToCac`).
@Suite struct LtvToCacTests {
    @Test func severalPlansWeighByLengthAndWholeCustomers() throws {
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(0.8)), horizon: 24, customers: 0)
        scenario.acquisition = [
            // 10 periods of 1000 at CAC 30: ⌊33.3⌋ = 33 customers a period.
            AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 10, volume: .budget(perPeriod: .fixed(1000), cac: .fixed(30))),
            // 2 periods (the horizon ends at 24) of 500 at CAC 70: ⌊7.14⌋ = 7 customers a period.
            AcquisitionPlan(segment: "s", fromPeriod: 23, toPeriod: 40, volume: .budget(perPeriod: .fixed(500), cac: .fixed(70))),
        ]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 2, seed: 1))
        let clv = try #require(result.column(.clv(segment: 0)))[0]
        let ratio = try #require(result.column(.ltvToCac(segment: 0)))[0]
        let budget: Double = 1000 * 10 + 500 * 2, customers: Double = 33 * 10 + 7 * 2
        let cac = budget / customers
        #expect(abs(ratio - clv / cac) <= 1e-12 * abs(clv / cac), "\(ratio) vs \(clv / cac)")
    }

    @Test func aBudgetThatBuysNobodyGivesZero() throws {
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(0.8)), horizon: 12, customers: 0)
        scenario.acquisition = [
            AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 3, volume: .budget(perPeriod: .fixed(10), cac: .fixed(30))),
        ]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 2, seed: 1))
        #expect(try #require(result.column(.ltvToCac(segment: 0)))[0] == 0)
    }
}
