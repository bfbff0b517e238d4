import Foundation
import Testing
@testable import CLVCore
import CLVRandom
import CLVTestSupport

/// Correlated inputs (docs/analysis.md, "Correlations"): the Gaussian copula hits the requested rank correlations and
/// leaves every marginal exact.
@Suite struct CorrelationTests {
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: v.count)
            for (rank, i) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[i] = Double(rank) }
            return r
        }
        let a = ranks(x), b = ranks(y)
        let n = Double(x.count), mean = (n - 1) / 2
        var cov = 0.0, va = 0.0, vb = 0.0
        for i in x.indices {
            cov += (a[i] - mean) * (b[i] - mean)
            va += (a[i] - mean) * (a[i] - mean)
            vb += (b[i] - mean) * (b[i] - mean)
        }
        return cov / (va * vb).squareRoot()
    }

    static let revenue = Distribution.gamma(shape: 9, scale: 3)
    static let margin = Distribution.pert(min: 0.3, mode: 0.4, max: 0.6)
    static let rate = Distribution.beta(alpha: 40, beta: 8)
    static let discount = Distribution.uniform(min: 0.05, max: 0.15)

    static func scenario() -> Scenario {
        var s = Segment(name: "m", customers: 100, retention: .constant(rate: rate), revenue: revenue)
        s.margin = margin
        var scenario = Scenario(name: "correlated", horizonPeriods: 6, annualDiscountRate: discount, segments: [s])
        scenario.correlations = [
            Correlation(between: ["segments.m.revenue", "segments.m.margin"], rank: 0.4),
            Correlation(between: ["segments.m.retention.rate", "segments.m.revenue"], rank: -0.3),
            Correlation(between: ["annualDiscountRate", "segments.m.margin"], rank: 0.6),
        ]
        return scenario
    }

    @Test func rankCorrelationsAndMarginals() throws {
        let result = try Simulation(scenario: Self.scenario()).run(SimulationOptions(trials: 100_000, seed: 17, threads: 2))
        let revenue = try #require(result.inputs.column("segments.m.revenue"))
        let margin = try #require(result.inputs.column("segments.m.margin"))
        let rate = try #require(result.inputs.column("segments.m.retention.rate"))
        let discount = try #require(result.inputs.column("annualDiscountRate"))
        #expect(abs(Self.spearman(revenue, margin) - 0.4) < 0.01)
        #expect(abs(Self.spearman(rate, revenue) + 0.3) < 0.01)
        #expect(abs(Self.spearman(discount, margin) - 0.6) < 0.01)
        // Implied: no correlation was asked between rate and discount rate; the copula gives
        // ρ(rate, discount) through the chain only via shared structure, so it is small but not checked.
        for (values, distribution) in [(revenue, Self.revenue), (margin, Self.margin), (rate, Self.rate), (discount, Self.discount)] {
            let ks = KolmogorovSmirnov.test(values, cdf: distribution.cdf)
            #expect(ks.pValue > 1e-4, "\(distribution): \(ks)")
        }
    }

    @Test func uncorrelatedInputsStayIndependent() throws {
        var scenario = Self.scenario()
        scenario.correlations = []
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 20_000, seed: 3, threads: 2))
        let revenue = try #require(result.inputs.column("segments.m.revenue"))
        let margin = try #require(result.inputs.column("segments.m.margin"))
        // Under independence the sample Spearman coefficient has sd 1/√(n − 1).
        #expect(abs(Self.spearman(revenue, margin)) < 4 / 20_000.0.squareRoot())
    }

    @Test func correlatedRunIsReproducibleAcrossThreads() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        let a = try simulation.run(SimulationOptions(trials: 500, seed: 8, threads: 1))
        let b = try simulation.run(SimulationOptions(trials: 500, seed: 8, threads: 2))
        #expect(a.inputs.isBitwiseEqual(to: b.inputs))
        #expect(a.metrics.rowMajorValues.elementsEqual(b.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern })
    }

    @Test func notPositiveDefiniteIsAnError() {
        var scenario = Self.scenario()
        scenario.correlations = [
            Correlation(between: ["segments.m.revenue", "segments.m.margin"], rank: 0.95),
            Correlation(between: ["segments.m.revenue", "annualDiscountRate"], rank: 0.95),
            Correlation(between: ["segments.m.margin", "annualDiscountRate"], rank: -0.95),
        ]
        #expect(throws: SimulationError.self) { try Simulation(scenario: scenario) }
    }

    @Test func discreteAndEmpiricalTablesMatchTheDistribution() {
        let discrete = Distribution.discrete(values: [5, 1, 3, 3, 9], weights: [1, 2, 0, 3, 4])
        let empirical = Distribution.empirical(samples: [4, 2, 8, 6, 2, 10, 1])
        for distribution in [discrete, empirical] {
            let table = InputQuantile(distribution)
            for k in 1..<1000 {
                let u = Double(k) / 1000
                #expect(table.value(u) == distribution.quantile(u), "\(distribution) at \(u)")
            }
        }
    }
}
