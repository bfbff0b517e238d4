import Foundation
import Testing
@testable import CLVCore
import CLVTestSupport

/// Exact draws per trial by kind on the benchmark workloads (results/BENCHMARKS.md, "Draws per
/// trial"). Draws are counted in debug builds only, so these tests run under `swift test`
/// without `-c release`; `swift test --filter DrawCountTests` prints the table.
@Suite(.enabled(if: DrawCounts.areCounted, "draws are counted in debug builds only"))
struct DrawCountTests {
    /// Average draws per trial of workload `name` over `trials` trials of seed 1.
    /// With `shortcuts` false, every cohort is thinned by binomials at every step: the kernel's
    /// draws before pooling and customer-by-customer lifetimes.
    static func averageDraws(_ name: String, trials: Int, shortcuts: Bool = true) throws -> (binomial: Double, gamma: Double, poisson: Double, customers: Double) {
        let url = RepositoryFiles.root().appendingPathComponent("scenarios/bench/\(name).json")
        let reading = ScenarioReader.read(Array(try Data(contentsOf: url)))
        let model = try SimulationModel(scenario: try #require(reading.scenario))
        var inputs = InputSampler(model: model, seed: 1, hypercube: nil)
        var simulator = TrialSimulator(model: model, seed: 1)
        simulator.poolsCohorts = shortcuts
        simulator.drawsSmallCohortsByCustomer = shortcuts
        for start in stride(from: 0, to: trials, by: Simulation.blockSize) {
            let range = start..<min(trials, start + Simulation.blockSize)
            inputs.draw(range, blockStart: start)
            for trial in range {
                let parameters = TrialParameters(layout: model.layout, values: Array(inputs.inputs(of: trial, blockStart: start)))
                _ = simulator.simulate(trial: trial, parameters: parameters)
            }
        }
        #if DEBUG
        let c = simulator.drawCounts
        #else
        let c = DrawCounts()
        #endif
        let n = Double(trials)
        return (Double(c.binomial) / n, Double(c.gamma) / n, Double(c.poisson) / n, Double(c.customerLifetimes) / n)
    }

    @Test(arguments: [("small", 256), ("medium", 128), ("large", 8)])
    func drawsPerTrial(name: String, trials: Int) throws {
        let plain = try Self.averageDraws(name, trials: trials, shortcuts: false)
        let d = try Self.averageDraws(name, trials: trials)
        print("draws per trial, \(name), plain thinning: binomial \(plain.binomial), gamma \(plain.gamma), poisson \(plain.poisson)")
        print("draws per trial, \(name), pooled and by customer: binomial \(d.binomial), gamma \(d.gamma), poisson \(d.poisson), customer lifetimes \(d.customers)")
        // Fewer binomials; the same referral draws; as many lifetime groups (one Gamma each) as
        // before, up to noise, since the lifetimes have the same distribution.
        #expect(d.binomial <= plain.binomial)
        #expect(d.poisson == plain.poisson)
        #expect(abs(d.gamma - plain.gamma) <= 0.05 * plain.gamma + 1)
        #expect(plain.customers == 0)
    }
}
