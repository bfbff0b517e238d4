import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// Sensitivity analysis, target-precision runs and Latin hypercube sampling.
@Suite struct SensitivityTests {
    /// Revenue dominates customer equity; the margin matters a little; the revenue of a segment
    /// with no customers and no acquisition cannot matter at all.
    static func scenario() -> Scenario {
        var main = Segment(name: "main", customers: 200_000, retention: .constant(rate: .uniform(min: 0.9, max: 0.905)),
                           revenue: .uniform(min: 10, max: 30))
        main.margin = .uniform(min: 0.5, max: 0.55)
        let empty = Segment(name: "empty", customers: 0, retention: .constant(rate: .fixed(0.8)), revenue: .uniform(min: 1, max: 100))
        return Scenario(name: "sensitivity", horizonPeriods: 24, annualDiscountRate: .fixed(0.1), segments: [main, empty])
    }

    @Test func dominantInputRanksFirstAndInertInputHasNoEffect() throws {
        let result = try Simulation(scenario: Self.scenario()).run(SimulationOptions(trials: 5000, seed: 12, threads: 2))
        let sensitivity = try #require(Sensitivity(result, metric: .customerEquity))
        #expect(sensitivity.inputs.first?.path == "segments.main.revenue")
        let shares = sensitivity.inputs.compactMap(\.varianceShare)
        #expect(shares.count == sensitivity.inputs.count)
        #expect(sensitivity.inputs[0].varianceShare == shares.max())
        #expect((sensitivity.inputs[0].varianceShare ?? 0) > 0.8)
        let inert = try #require(sensitivity.inputs.first { $0.path == "segments.empty.revenue" })
        #expect(abs(inert.standardizedRegressionCoefficient ?? 1) < 0.02)
        #expect(abs(inert.spearman) < 0.06)
        let revenue = sensitivity.inputs[0]
        #expect(revenue.spearman > 0.9)
        #expect(revenue.topDecileMean > sensitivity.outputMean && sensitivity.outputMean > revenue.bottomDecileMean)
        #expect((sensitivity.rSquared ?? 0) > 0.95)
    }

    @Test func coefficientsMatchAKnownLinearModel() throws {
        // An exactly linear output y = 3a − 2b with independent inputs: SRC_a = 3 sd_a / sd_y.
        let n = 2000
        var rng = RandomStream(seed: 1, trial: 0, role: 0)
        let a = (0..<n).map { _ in rng.nextOpenUnit() }, b = (0..<n).map { _ in rng.nextOpenUnit() }
        let y = zip(a, b).map { 3 * $0 - 2 * $1 }
        let fit = try #require(Sensitivity.regression([a, b], y))
        func sd(_ v: [Double]) -> Double {
            let m = v.reduce(0, +) / Double(v.count)
            return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
        }
        #expect(abs((fit.coefficients[0] ?? 0) - 3 * sd(a) / sd(y)) < 1e-9)
        #expect(abs((fit.coefficients[1] ?? 0) + 2 * sd(b) / sd(y)) < 1e-9)
        #expect(abs(fit.rSquared - 1) < 1e-9)
    }

    @Test func ranksAverageTies() {
        #expect(Sensitivity.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
    }
}

@Suite struct PrecisionTests {
    static func scenario() -> Scenario {
        var scenario = SensitivityTests.scenario()
        scenario.segments[0].customers = 5000
        return scenario
    }

    @Test func stopsByTheDocumentedRule() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        let target = PrecisionTarget(relativeHalfWidth: 0.01, maximumTrials: 200_000, batchTrials: 512, minimumBatches: 10)
        let (result, outcome) = try simulation.run(SimulationOptions(trials: 0, seed: 5, threads: 2), precision: target)
        #expect(outcome.met)
        #expect(result.metrics.trials == outcome.trials)
        #expect(outcome.trials % 512 == 0 && outcome.batches == outcome.trials / 512)
        // Recompute the rule at the stop and one batch earlier.
        let equity = try #require(result.column(.customerEquity))
        func widths(batches k: Int) -> [Double] {
            let batches = (0..<k).map { Array(equity[($0 * 512)..<(($0 + 1) * 512)]).sorted() }
            return Simulation.halfWidths(Array(equity[0..<(k * 512)]),
                                         p5s: batches.map { Stat.quantile($0, 0.05) }, p95s: batches.map { Stat.quantile($0, 0.95) })
        }
        let atStop = widths(batches: outcome.batches)
        #expect(atStop.allSatisfy { $0 < 0.01 })
        #expect(atStop == [outcome.meanHalfWidth, outcome.p5HalfWidth, outcome.p95HalfWidth])
        if outcome.batches > 10 { #expect(!widths(batches: outcome.batches - 1).allSatisfy { $0 < 0.01 }) }
        // The batches make up exactly one run of that many trials.
        let single = try simulation.run(SimulationOptions(trials: outcome.trials, seed: 5, threads: 1))
        #expect(single.metrics.rowMajorValues.elementsEqual(result.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern })
    }

    @Test func tighterTargetNeverNeedsFewerTrials() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        var previous = 0
        for fraction in [0.05, 0.02, 0.01, 0.005] {
            let target = PrecisionTarget(relativeHalfWidth: fraction, maximumTrials: 400_000, batchTrials: 256, minimumBatches: 10)
            let (_, outcome) = try simulation.run(SimulationOptions(trials: 0, seed: 9, threads: 2), precision: target)
            #expect(outcome.trials >= previous, "\(fraction): \(outcome.trials) < \(previous)")
            previous = outcome.trials
        }
    }

    @Test func identicalForOneAndTwoThreads() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        let target = PrecisionTarget(relativeHalfWidth: 0.01, maximumTrials: 100_000, batchTrials: 256)
        let (a, outcomeA) = try simulation.run(SimulationOptions(trials: 0, seed: 2, threads: 1), precision: target)
        let (b, outcomeB) = try simulation.run(SimulationOptions(trials: 0, seed: 2, threads: 2), precision: target)
        #expect(outcomeA == outcomeB)
        #expect(a.metrics.rowMajorValues.elementsEqual(b.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern })
    }

    @Test func unreachableTargetStopsAtTheMaximum() throws {
        let target = PrecisionTarget(relativeHalfWidth: 1e-6, maximumTrials: 3000, batchTrials: 512)
        let (result, outcome) = try Simulation(scenario: Self.scenario()).run(SimulationOptions(trials: 0, seed: 2, threads: 2), precision: target)
        #expect(!outcome.met)
        #expect(outcome.trials == 3000 && result.metrics.trials == 3000)
        #expect(RunSummary(result, precision: outcome).warnings.contains { $0.contains("not met") })
    }
}

@Suite struct LatinHypercubeTests {
    /// A smooth scenario: parameter uncertainty only matters, customers are many.
    static func scenario() -> Scenario {
        var s = Segment(name: "s", customers: 1_000_000, retention: .constant(rate: .beta(alpha: 90, beta: 10)),
                        revenue: .gamma(shape: 16, scale: 1.5))
        s.margin = .pert(min: 0.3, mode: 0.4, max: 0.6)
        return Scenario(name: "smooth", horizonPeriods: 24, annualDiscountRate: .uniform(min: 0.05, max: 0.15), segments: [s])
    }

    @Test func lowersTheStandardErrorOfTheMean() throws {
        let simulation = try Simulation(scenario: Self.scenario())
        func spreadOfMeans(_ sampling: SimulationOptions.Sampling) throws -> Double {
            var means: [Double] = []
            for replication in 0..<30 {
                var options = SimulationOptions(trials: 256, seed: UInt64(1000 + replication), threads: 2)
                options.sampling = sampling
                let column = try #require(try simulation.run(options).column(.customerEquity))
                means.append(column.reduce(0, +) / Double(column.count))
            }
            let m = means.reduce(0, +) / 30
            return (means.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 29).squareRoot()
        }
        let plain = try spreadOfMeans(.monteCarlo), hypercube = try spreadOfMeans(.latinHypercube)
        #expect(hypercube < 0.5 * plain, "sd of the mean: LHS \(hypercube), MC \(plain)")
    }

    @Test func marginalsStayExactAndStratified() throws {
        var options = SimulationOptions(trials: 1000, seed: 4, threads: 2)
        options.sampling = .latinHypercube
        let result = try Simulation(scenario: Self.scenario()).run(options)
        let revenue = try #require(result.inputs.column("segments.s.revenue"))
        // Exactly one value in each 1/1000 stratum of the CDF.
        let strata = Set(revenue.map { Int((Distribution.gamma(shape: 16, scale: 1.5).cdf($0) * 1000).rounded(.down)) })
        #expect(strata.count == 1000)
        var two = options
        two.threads = 1
        #expect(try Simulation(scenario: Self.scenario()).run(two).inputs.isBitwiseEqual(to: result.inputs))
    }
}
