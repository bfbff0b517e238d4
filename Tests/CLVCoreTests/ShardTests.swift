import Foundation
import Testing
@testable import CLVCore
import CLVTestSupport

/// Shards of a run (docs/distributed.md): exact trial ranges, the same trials as the whole run,
/// and diagnostic counts that add up.
@Suite struct ShardTests {
    static func scenario(_ name: String = "multichannel-growth.json") throws -> Scenario {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/\(name)")
        let reading = ScenarioReader.read(Array(try Data(contentsOf: url)))
        return try #require(reading.scenario, "\(reading.errors)")
    }

    @Test func parsesIndexOverCount() {
        #expect(Shard("0/4") == Shard(index: 0, count: 4))
        #expect(Shard("3/4")?.description == "3/4")
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", "", "/", "1/"] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    /// The shards' ranges are consecutive, disjoint, cover [0, T) and differ in size by at most 1,
    /// for T not divisible by N too.
    @Test(arguments: [(1000, 1), (1000, 3), (1000, 7), (7, 7), (100_000_000, 97), (10, 4)])
    func rangesPartitionTheTrials(trials: Int, count: Int) throws {
        var next = 0
        var sizes: [Int] = []
        for i in 0..<count {
            let range = try #require(Shard(index: i, count: count)).trialRange(of: trials)
            #expect(range.lowerBound == next)
            next = range.upperBound
            sizes.append(range.count)
        }
        #expect(next == trials)
        #expect(sizes.max()! - sizes.min()! <= 1 && sizes.min()! >= 1)
    }

    /// Each shard's rows are the whole run's rows for its trials, bit for bit, whatever the
    /// thread count — for Monte Carlo and for Latin hypercube sampling.
    @Test(arguments: [SimulationOptions.Sampling.monteCarlo, .latinHypercube])
    func shardsReproduceTheWholeRun(sampling: SimulationOptions.Sampling) throws {
        let scenario = try Self.scenario()
        var options = SimulationOptions(trials: 300, seed: 5, threads: 2, extraDiscountRates: [0.05])
        options.sampling = sampling
        let whole = try ScenarioRun.perform(RunRequest(scenario: scenario, options: options)).result
        var diagnostics = RunDiagnostics(strategies: scenario.strategies.count)
        for count in [2, 7] {
            diagnostics = RunDiagnostics(strategies: scenario.strategies.count)
            var metrics: [Double] = [], inputs: [Double] = []
            var active: [Double] = []
            for i in (0..<count).reversed() {
                var shardOptions = options
                shardOptions.threads = 1 + i % 2
                let request = RunRequest(scenario: scenario, options: shardOptions, shard: Shard(index: i, count: count))
                let part = try ScenarioRun.perform(request)
                #expect(part.summary == nil)
                metrics = part.result.metrics.rowMajorValues + metrics
                inputs = part.result.inputs.rowMajorValues + inputs
                active = part.result.series.activeCustomers + active
                diagnostics = part.result.diagnostics + diagnostics
            }
            #expect(metrics.elementsEqual(whole.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern })
            #expect(inputs.elementsEqual(whole.inputs.rowMajorValues) { $0.bitPattern == $1.bitPattern })
            #expect(active == whole.series.activeCustomers)
            #expect(diagnostics == whole.diagnostics)
        }
    }

    @Test func targetPrecisionRunsAreNotSharded() throws {
        let request = RunRequest(scenario: try Self.scenario(), options: SimulationOptions(trials: 2048, seed: 1),
                                 precision: PrecisionTarget(relativeHalfWidth: 0.01, maximumTrials: 2048),
                                 shard: Shard(index: 0, count: 2))
        #expect(throws: SimulationError.self) { try ScenarioRun.perform(request) }
    }
}

/// Diagnostic counts: numbers of trials, added exactly across parts; sentences made once.
@Suite struct RunDiagnosticsTests {
    /// Referrals that explode past the customer-count cap in most trials.
    static func explosive(strategies: Int) -> Scenario {
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(0.9)), horizon: 40, customers: 0)
        scenario.segments[0].referrals = Referrals(coefficient: .uniform(min: 1, max: 4), cyclePeriods: 1, into: nil)
        scenario.acquisition = [AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 1, volume: .customers(perPeriod: .fixed(1000)))]
        scenario.strategies = (0..<strategies).map { j in
            Strategy(name: "more-\(j)", changes: [
                StrategyChange(target: "segments.s.referrals.coefficient", operation: .multiply(.fixed(1.2 + Double(j)))),
            ])
        }
        return scenario
    }

    /// With two strategies the baseline's capped count is that of a one-strategy run of the same
    /// trials and at most the trial count; each strategy has its own count.
    @Test func cappedCountsCountTrials() throws {
        let options = SimulationOptions(trials: 1024, seed: 3, threads: 2)
        let two = try Simulation(scenario: Self.explosive(strategies: 2)).run(options)
        let one = try Simulation(scenario: Self.explosive(strategies: 1)).run(options)
        #expect(two.diagnostics.cappedTrials > 0)
        #expect(two.diagnostics.cappedTrials <= 1024)
        #expect(two.diagnostics.cappedTrials == one.diagnostics.cappedTrials)
        #expect(two.diagnostics.strategyCappedTrials[0] == one.diagnostics.strategyCappedTrials[0])
        #expect(two.diagnostics.strategyCappedTrials.allSatisfy { $0 <= 1024 && $0 > 0 })
        let warnings = RunSummary(two).warnings
        let capped = warnings.filter { $0.hasPrefix("customer counts exceeded") }
        #expect(capped == ["customer counts exceeded \(TrialParameters.maximumCount) in \(two.diagnostics.cappedTrials) of 1024 trials and were capped; lower the viral coefficient, the acquisition volume or the horizon"])
        #expect(warnings.filter { $0.contains("strategy 'more-1': customer counts exceeded") }.count == 1)
    }

    /// A target-precision run of several batches reports one line per kind, with the counts of
    /// all its trials.
    @Test func precisionRunsReportOneLinePerKind() throws {
        let simulation = try Simulation(scenario: Self.explosive(strategies: 1))
        let target = PrecisionTarget(relativeHalfWidth: 1e-9, maximumTrials: 4096, batchTrials: 1024, minimumBatches: 2)
        let (result, outcome) = try simulation.run(SimulationOptions(trials: 4096, seed: 3, threads: 2), precision: target)
        #expect(outcome.batches == 4)
        let whole = try simulation.run(SimulationOptions(trials: 4096, seed: 3, threads: 2))
        #expect(result.diagnostics == whole.diagnostics)
        let warnings = RunSummary(result, precision: outcome).warnings
        #expect(warnings.filter { $0.hasPrefix("customer counts exceeded") }.count == 1)
        #expect(warnings.contains { $0.contains("in \(whole.diagnostics.cappedTrials) of 4096 trials") })
    }

    /// Counts of parts add up; stored counts that cannot be right are refused.
    @Test func countsAdd() throws {
        var a = RunDiagnostics(strategies: 2), b = RunDiagnostics(strategies: 2)
        a.trials = 10; a.cappedTrials = 3; a.strategyClampedTrials = [1, 0]
        b.trials = 5; b.cappedTrials = 5; b.nonFiniteTrials = 2; b.strategyClampedTrials = [0, 4]
        let sum = a + b
        #expect(sum.trials == 15 && sum.cappedTrials == 8 && sum.nonFiniteTrials == 2 && sum.strategyClampedTrials == [1, 4])
        #expect(RunDiagnostics(trials: 3, cappedTrials: 4, nonFiniteTrials: 0, strategyCappedTrials: [], strategyClampedTrials: []) == nil)
        #expect(RunDiagnostics(trials: 3, cappedTrials: 1, nonFiniteTrials: 0, strategyCappedTrials: [0], strategyClampedTrials: []) == nil)
    }

    /// A budget over a vanishing acquisition cost buys an infinite number of customers: the count
    /// is capped (not turned into 0) and the trials are counted.
    @Test func infiniteAcquisitionCountsAreCappedAndCounted() throws {
        var scenario = ClosedFormTests.scenario(.constant(rate: .fixed(0.5)), horizon: 3, customers: 0)
        scenario.acquisition = [AcquisitionPlan(segment: "s", fromPeriod: 1, toPeriod: 1,
                                                volume: .budget(perPeriod: .fixed(1000), cac: .fixed(5e-324)))]
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 64, seed: 1))
        #expect(result.diagnostics.cappedTrials == 64)
        let acquired = try #require(result.column(.newCustomerValue))
        #expect(acquired.allSatisfy { $0 > 1e11 })
    }
}
