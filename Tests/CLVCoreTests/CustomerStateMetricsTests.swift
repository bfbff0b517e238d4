import Foundation
import Testing
@testable import CLVCore

/// What a run reports by customer state (docs/results.md "Customers by state"): the value-by-state
/// columns and their values, checked against the trial's `ExpectedValues` and against backward
/// recursions written out here; the per-period counts by state, which partition the active
/// customers; and nothing new for a scenario without dynamics.
@Suite struct CustomerStateMetricsTests {
    /// A recency segment with 3 states (one purchase probability uncertain), 1,000 current
    /// customers at recency 2 and 100 new customers a period in periods 1 … 6; and a plain segment.
    static let recencyText = """
    {"schemaVersion": 1, "name": "recency", "periodsPerYear": 12, "horizonPeriods": 18, "annualDiscountRate": 0.1,
     "trials": 50,
     "segments": [
       {"name": "occasional", "customers": 1000, "recency": 2,
        "retention": {"model": "recency", "purchaseProbability": [{"dist": "beta", "mean": 0.5, "sd": 0.1}, 0.3, 0.1]},
        "revenue": 40, "margin": 0.5, "serviceCost": 1},
       {"name": "steady", "customers": 200, "retention": {"model": "constant", "rate": 0.9}, "revenue": 10}
     ],
     "acquisition": [{"segment": "occasional", "fromPeriod": 1, "toPeriod": 6, "customersPerPeriod": 100}]}
    """

    /// Monthly customers who move to an annual plan (billed every 12 periods) and back.
    static func migrationText(horizon: Int = 36) -> String {
        """
        {"schemaVersion": 1, "name": "plans", "periodsPerYear": 12, "horizonPeriods": \(horizon), "annualDiscountRate": 0.1,
         "trials": 40,
         "segments": [
           {"name": "monthly", "customers": 3000, "retention": {"model": "constant", "rate": {"dist": "beta", "mean": 0.92, "sd": 0.02}},
            "revenue": 20, "margin": 0.6, "migration": [{"to": "annual", "probability": 0.05}]},
           {"name": "annual", "customers": 1200, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8},
            "revenue": 15, "margin": 0.6, "serviceCost": 0.5, "migration": [{"to": "monthly", "probability": 0.1}]}
         ],
         "acquisition": [{"segment": "monthly", "fromPeriod": 1, "toPeriod": 12, "customersPerPeriod": 250}]}
        """
    }

    static func scenario(_ text: String) throws -> Scenario {
        let reading = ScenarioReader.read(Array(text.utf8))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        return try #require(reading.scenario)
    }

    static func run(_ text: String, trials: Int = 24, firstTrial: Int = 0) throws -> SimulationResult {
        var options = SimulationOptions(trials: trials, seed: 11, threads: 2)
        options.firstTrial = firstTrial
        return try Simulation(scenario: scenario(text)).run(options)
    }

    /// Per trial, the runner's `ExpectedValues`, from the same inputs as a run.
    static func expectedValues(_ scenario: Scenario, trials: Int, seed: UInt64 = 11) throws -> [ExpectedValues] {
        let model = try SimulationModel(scenario: scenario)
        var inputs = InputSampler(model: model, seed: seed, hypercube: nil)
        var runner = TrialRunner(model: model, seed: seed)
        inputs.draw(0..<trials, blockStart: 0)
        var values: [ExpectedValues] = []
        for trial in 0..<trials {
            let outcome = runner.run(trial: trial, inputs: inputs.inputs(of: trial, blockStart: 0),
                                     uniforms: inputs.uniforms(of: trial, blockStart: 0))
            values.append(try #require(outcome).expected)
        }
        return values
    }

    @Test func recencyColumnsAreNamedAndHoldTheTrialsExpectedValues() throws {
        let result = try Self.run(Self.recencyText)
        let names = result.layout.names
        let first = try #require(names.firstIndex(of: "segments.occasional.clv"))
        #expect(Array(names[first..<first + 7]) == [
            "segments.occasional.clv", "segments.occasional.clvWithReferrals", "segments.occasional.residualClv",
            "segments.occasional.perpetualClv", "segments.occasional.byRecency.1.value",
            "segments.occasional.byRecency.2.value", "segments.occasional.byRecency.3.value",
        ])
        #expect(!names.contains { $0.hasPrefix("segments.steady.") && ($0.contains("byRecency") || $0.contains("perpetual")) })
        #expect(result.layout.metric(named: "segments.occasional.byRecency.2.value") == .recencyValue(segment: 0, recency: 2))
        let expected = try Self.expectedValues(result.scenario, trials: 24)
        for j in 1...3 {
            let column = try #require(result.column(.recencyValue(segment: 0, recency: j)))
            #expect(column == expected.map { $0.recencyValues[0][j - 1] }, "recency \(j)")
            // An uncertain purchase probability: the values differ between trials.
            #expect(Set(column).count > 1)
        }
        let perpetual = try #require(result.column(.perpetualClv(segment: 0)))
        #expect(perpetual == expected.map { $0.perpetualClv[0] })
        // Values fall with recency: a customer about to lapse is worth less.
        let summary = RunSummary(result)
        let byRecency = summary.segments[0].byRecency.map { $0.value?.mean ?? .nan }
        #expect(byRecency[0] > byRecency[1] && byRecency[1] > byRecency[2])
        #expect(summary.segments[0].reportsPerpetualClv && !summary.segments[1].reportsPerpetualClv)
        #expect(summary.segments[1].byRecency.isEmpty)
    }

    /// With fixed inputs, the value at each recency and the perpetual CLV against a backward
    /// recursion over the recency states written out here:
    /// V_t(j) = −serviceCost + p_j·m + v·(p_j·V_{t+1}(1) + (1 − p_j)·V_{t+1}(j + 1)), V_t(k + 1) = 0,
    /// and for a new customer V(0) = m + v·V(1), iterated to its fixed point without a horizon.
    @Test func recencyValuesMatchABackwardRecursion() throws {
        let text = Self.recencyText.replacingOccurrences(of: "{\"dist\": \"beta\", \"mean\": 0.5, \"sd\": 0.1}", with: "0.5")
        let result = try Self.run(text, trials: 2)
        let p = [0.5, 0.3, 0.1], m = 40 * 0.5, service = 1.0
        let v = 1 / pow(1.1, 1.0 / 12)
        func step(_ next: [Double]) -> [Double] {
            var value = [Double](repeating: 0, count: 5)  // states 0 … 3, and 4 = lost
            value[0] = m + v * next[1]
            for j in 1...3 { value[j] = -service + p[j - 1] * m + v * (p[j - 1] * next[1] + (1 - p[j - 1]) * next[j + 1]) }
            return value
        }
        var value = [Double](repeating: 0, count: 5)
        for _ in 0..<18 { value = step(value) }
        for j in 1...3 {
            let column = try #require(result.column(.recencyValue(segment: 0, recency: j)))
            #expect(abs(column[0] - value[j]) <= 1e-9 * abs(value[j]), "recency \(j): \(column[0]) vs \(value[j])")
        }
        var perpetual = [Double](repeating: 0, count: 5)
        for _ in 0..<5000 { perpetual = step(perpetual) }
        let column = try #require(result.column(.perpetualClv(segment: 0)))
        #expect(abs(column[0] - perpetual[0]) <= 1e-9 * perpetual[0], "\(column[0]) vs \(perpetual[0])")
        let clv = try #require(result.column(.clv(segment: 0)))
        #expect(column[0] > clv[0])
    }

    @Test func customersByStatePartitionTheActiveCustomers() throws {
        let result = try Self.run(Self.recencyText)
        let states = CustomerStates(scenario: result.scenario)
        #expect(states.groups == (0...3).map { CustomerStates.Group(segment: 0, recency: $0) } + [CustomerStates.Group(segment: 1, recency: nil)])
        let series = result.series
        #expect(series.states == 5 && series.trials == 24)
        for i in 0..<series.trials {
            for t in 0..<series.periods {
                let total = (0..<5).reduce(0.0) { $0 + series.customers(ofState: $1, trial: i)[(i * 5 + $1) * series.periods + t] }
                #expect(total == series.activeCustomers[i * series.periods + t], "trial \(i) period \(t + 1)")
            }
            // Recency state 0 holds the customers acquired in the period: the plan's 100 in 1 … 6.
            #expect(Array(series.customers(ofState: 0, trial: i)) == (1...18).map { $0 <= 6 ? 100 : 0 })
            // The current customers start at recency 2: nobody is at recency 1 in period 1.
            #expect(series.customers(ofState: 1, trial: i).first == 0)
        }
    }

    @Test func migrationReportsSegmentsAndPerpetualClv() throws {
        let result = try Self.run(Self.migrationText())
        let states = CustomerStates(scenario: result.scenario)
        #expect(states.groups == [CustomerStates.Group(segment: 0, recency: nil), CustomerStates.Group(segment: 1, recency: nil)])
        #expect(states.hasPerpetualClv == [true, true] && states.recencyStates == [0, 0])
        #expect(result.layout.names.contains("segments.monthly.perpetualClv"))
        #expect(result.layout.names.contains("segments.annual.perpetualClv"))
        #expect(!result.layout.names.contains { $0.contains("byRecency") })
        let series = result.series
        for i in 0..<series.trials {
            for t in 0..<series.periods {
                let monthly = series.customers(ofState: 0, trial: i)[(i * 2) * series.periods + t]
                let annual = series.customers(ofState: 1, trial: i)[(i * 2 + 1) * series.periods + t]
                #expect(monthly + annual == series.activeCustomers[i * series.periods + t])
            }
        }
        let expected = try Self.expectedValues(result.scenario, trials: 24)
        for s in 0..<2 {
            let perpetual = try #require(result.column(.perpetualClv(segment: s)))
            #expect(perpetual == expected.map { $0.perpetualClv[s] })
        }
        // Without a horizon the value is what a horizon long enough to discount the tail away gives:
        // (1.1)^−100 of it is left after 1,200 months.
        let long = try Self.run(Self.migrationText(horizon: 1200), trials: 4)
        for s in 0..<2 {
            let perpetual = try #require(result.column(.perpetualClv(segment: s)))
            let clv = try #require(long.column(.clv(segment: s)))
            for i in 0..<4 { #expect(abs(perpetual[i] - clv[i]) <= 1e-3 * abs(clv[i]), "segment \(s) trial \(i): \(perpetual[i]) vs \(clv[i])") }
        }
    }

    @Test func billingCyclesAloneHaveAPerpetualClvButNoGroups() throws {
        let text = """
        {"schemaVersion": 1, "name": "annual", "periodsPerYear": 12, "horizonPeriods": 24, "annualDiscountRate": 0.08,
         "segments": [{"name": "annual", "customers": 500, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.7},
                       "revenue": 10, "revenueGrowth": 0}]}
        """
        let states = CustomerStates(scenario: try Self.scenario(text))
        #expect(states.groups.isEmpty && states.hasPerpetualClv == [true] && states.hasDynamics)
        let grown = CustomerStates(scenario: try Self.scenario(text.replacingOccurrences(of: "\"revenueGrowth\": 0", with: "\"revenueGrowth\": 0.03")))
        #expect(grown.hasPerpetualClv == [false] && !grown.hasDynamics)
        let result = try Self.run(text, trials: 3)
        #expect(result.series.states == 0 && result.series.customersByState.isEmpty)
    }

    @Test func aScenarioWithoutDynamicsHasNoStateColumnsOrCounts() throws {
        let text = """
        {"schemaVersion": 1, "name": "plain", "horizonPeriods": 6, "annualDiscountRate": 0.05,
         "segments": [{"name": "s", "customers": 10, "retention": {"model": "sbg", "alpha": 1, "beta": 3}, "revenue": 5},
                      {"name": "t", "customers": 10, "retention": {"model": "constant", "rate": 0.8}, "revenue": 5}]}
        """
        let result = try Self.run(text, trials: 3)
        #expect(!CustomerStates(scenario: result.scenario).hasDynamics)
        #expect(result.layout.names == ["customerEquity", "currentCustomerValue", "newCustomerValue", "referralValue",
                                        "acquisitionSpend", "retentionSpend", "segments.s.clv", "segments.s.clvWithReferrals",
                                        "segments.s.residualClv", "segments.t.clv", "segments.t.clvWithReferrals",
                                        "segments.t.residualClv"])
        #expect(result.series.states == 0 && result.series.customersByState.isEmpty)
        let summary = RunSummary(result)
        #expect(summary.segments.allSatisfy { !$0.reportsPerpetualClv && $0.perpetualClv == nil && $0.byRecency.isEmpty })
    }

    /// Trials split into two runs (as shards are) give the same counts by state, joined.
    @Test func countsByStateDoNotDependOnHowTheRunIsSplit() throws {
        let whole = try Self.run(Self.recencyText, trials: 100)
        let parts = [try Self.run(Self.recencyText, trials: 37), try Self.run(Self.recencyText, trials: 63, firstTrial: 37)]
        let joined = PeriodSeries.joined(parts.map(\.series))
        #expect(joined == whole.series)
        #expect(whole.series.customersByState.count == 100 * 5 * 18)
    }

    /// No discounting and customers who always buy: no finite perpetual CLV. The trial leaves it
    /// undefined without counting as a trial whose metrics were not finite.
    @Test func anInfinitePerpetualClvIsUndefined() throws {
        let text = """
        {"schemaVersion": 1, "name": "loyal", "horizonPeriods": 12, "annualDiscountRate": 0,
         "segments": [{"name": "loyal", "customers": 10, "retention": {"model": "recency", "purchaseProbability": [1, 1]},
                       "revenue": 5}]}
        """
        let result = try Self.run(text, trials: 4)
        let column = try #require(result.column(.perpetualClv(segment: 0)))
        #expect(column.allSatisfy { $0.isNaN })
        #expect(result.diagnostics.nonFiniteTrials == 0)
        let summary = RunSummary(result)
        #expect(summary.segments[0].reportsPerpetualClv && summary.segments[0].perpetualClv == nil)
        #expect(summary.segments[0].byRecency.map { $0.value?.mean } == [60, 60])
    }
}
