import Foundation
import Testing
@testable import CLVCore
import CLVTestSupport

/// The fixed-parameter scenarios of `scenarios/reference/` (scenarios/reference/README.md), run through the reader
/// and the kernel, against the values computed independently with mpmath and listed in
/// `scenarios/reference/README.md`.
@Suite struct ReferenceScenarioTests {
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        /// The exact-expectation metric and the simulated component that N customers make up.
        let exactMetric: String
        let component: String
        let value: Double
        let sd: Double
        var description: String { file }
    }

    static let customers = 1000.0

    static let cases: [Case] = [
        Case(file: "constant-new-start.json", exactMetric: "segments.cohort.clv", component: "newCustomerValue",
             value: 3.6666666666666667, sd: 2.2905485076995556),
        Case(file: "constant-current-end.json", exactMetric: "segments.cohort.residualClv", component: "currentCustomerValue",
             value: 2.6666666666666667, sd: 2.2905485076995556),
        Case(file: "constant-current-start.json", exactMetric: "segments.cohort.residualClv", component: "currentCustomerValue",
             value: 2.9333333333333333, sd: 2.5196033584695112),
        Case(file: "sbg-new-del.json", exactMetric: "segments.cohort.clv", component: "newCustomerValue",
             value: 3.6029065601720567, sd: 3.0681720778806972),
        Case(file: "sbg-current-derl.json", exactMetric: "segments.cohort.residualClv", component: "currentCustomerValue",
             value: 5.0993211326680972, sd: 3.9006162970562777),
        Case(file: "finite-horizon.json", exactMetric: "segments.cohort.clv", component: "newCustomerValue",
             value: 4.7606315198787843, sd: 2.0858645835285791),
    ]

    static func load(_ file: String) throws -> Scenario {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/reference/\(file)")
        let reading = ScenarioReader.read(Array(try Data(contentsOf: url)))
        return try #require(reading.scenario, "\(file): \(reading.errors.map(\.message))")
    }

    @Test(arguments: cases)
    func closedFormValueAndSimulatedEquity(_ reference: Case) throws {
        let scenario = try Self.load(reference.file)
        #expect(scenario.segments.map(\.name) == ["cohort"])
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4000, seed: 77, threads: 2))
        let exact = try #require(result.metrics.column(reference.exactMetric))
        #expect(abs(exact[0] - reference.value) <= 1e-9 * reference.value, "\(reference.file): \(exact[0])")
        let component = try #require(result.metrics.column(reference.component))
        let simulated = try #require(Stat(component, levels: [0.9]))
        #expect(abs(simulated.mean - Self.customers * reference.value) < 4 * simulated.standardError,
                "\(reference.file): mean \(simulated.mean)")
        // Sample sd of 4000 near-normal values: relative standard error about 1/√8000.
        let sd = Self.customers.squareRoot() * reference.sd
        #expect(abs(simulated.sd / sd - 1) < 4 / 8000.0.squareRoot(), "\(reference.file): sd \(simulated.sd) vs \(sd)")
    }

    @Test func referralsWithFixedViralCoefficient() throws {
        let scenario = try Self.load("referrals-fixed-k.json")
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4000, seed: 5, threads: 2))
        let withReferrals = try #require(result.metrics.column("segments.\(scenario.segments[0].name).clvWithReferrals"))
        #expect(abs(withReferrals[0] - 1.8171635072120012) < 1e-12)
        let referralColumn = try #require(result.column(.referralValue))
        let referral = try #require(Stat(referralColumn, levels: [0.9]))
        #expect(abs(referral.mean - 817.1635072120012) < 4 * referral.standardError)
        // Retention 0: every customer is active exactly one period, so customer-periods count
        // customers; per seed (K^(w+1) − 1)/(K − 1) = 1.96875 with K = 0.5 and w = 5 waves.
        let perSeed = (0..<result.series.trials).map { i in
            (0..<result.series.periods).reduce(0.0) { $0 + result.series.activeCustomers[i * result.series.periods + $1] } / Self.customers
        }
        let customers = try #require(Stat(perSeed, levels: [0.9]))
        #expect(abs(customers.mean - 1.96875) < 4 * customers.standardError, "customers per seed \(customers.mean)")
    }
}
