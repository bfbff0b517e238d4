import Testing
@testable import CLVCore

/// Sensitivity under correlated inputs (docs/analysis.md): variance shares are Pratt's β·r and add
/// up to R², where SRC² would not; the table says what the numbers mean.
@Suite struct SensitivityCorrelationTests {
    @Test func sharesAddUpToRSquaredWithCorrelatedInputs() throws {
        var scenario = ClosedFormTests.scenario(.constant(rate: .uniform(min: 0.7, max: 0.9)), horizon: 24, customers: 1000)
        scenario.segments[0].revenue = .uniform(min: 10, max: 20)
        scenario.segments[0].margin = .uniform(min: 0.2, max: 0.6)
        // Revenue and margin move together strongly: SRC² would overstate both.
        scenario.correlations = [Correlation(between: ["segments.s.revenue", "segments.s.margin"], rank: -0.9)]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4000, seed: 8, threads: 2))
        let sensitivity = try #require(Sensitivity(result, metric: .customerEquity))
        #expect(sensitivity.shareMeasure == .pratt)
        let shares = sensitivity.inputs.compactMap(\.varianceShare)
        let rSquared = try #require(sensitivity.rSquared)
        #expect(abs(shares.reduce(0, +) - rSquared) < 1e-9)
        let squared = sensitivity.inputs.compactMap(\.standardizedRegressionCoefficient).map { $0 * $0 }.reduce(0, +)
        #expect(squared > rSquared + 0.05, "SRC² add up to \(squared), more than R² \(rSquared)")
        #expect(sensitivity.explanation.contains("Pratt"))

        scenario.correlations = []
        let independent = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4000, seed: 8, threads: 2))
        let plain = try #require(Sensitivity(independent, metric: .customerEquity))
        #expect(plain.shareMeasure == .squaredCoefficient)
        for input in plain.inputs {
            let src = try #require(input.standardizedRegressionCoefficient)
            #expect(input.varianceShare == src * src)
        }
    }
}
