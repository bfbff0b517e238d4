import Benchmark
import CLVCore
import CLVLinearAlgebra
import CLVRandom
import Foundation

/// Cost of the simulation kernel's parts: one trial of each reference workload, the samplers in
/// the shapes the kernel calls them (a fresh stream per step, a binomial thinning step, a
/// lifetime group's Gamma total, a Poisson referral draw) and the BLAS discounting step.
///
/// The workloads are read from `scenarios/bench/` of the repository that holds this package.

/// The repository root: three levels above this file (`Benchmarks/Benchmarks/Kernel/`).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The simulation of reference workload `name`, or nil when its file is missing or invalid.
func workload(_ name: String) -> Simulation? {
    let url = repositoryRoot.appendingPathComponent("scenarios/bench/\(name).json")
    guard let text = try? String(contentsOf: url, encoding: .utf8),
          let scenario = ScenarioReader.read(text).scenario else { return nil }
    return try? Simulation(scenario: scenario)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )

    // One trial of each workload on one thread: a whole block of the kernel (inputs, every
    // cohort, expected values, summary buffers) for a single trial.
    for name in ["small", "medium", "medium-10m", "large", "dynamics", "dynamics-10m"] {
        guard let simulation = workload(name) else { continue }
        Benchmark("trial: \(name)") { benchmark in
            for i in benchmark.scaledIterations {
                let options = SimulationOptions(trials: 1, seed: UInt64(i) &+ 1, threads: 1, seriesTrials: 0)
                blackHole(try? simulation.run(options))
            }
        }
    }

    // The samplers as the kernel calls them: a new stream per step (role keyed by step).
    Benchmark("step: stream + binomial(1e5, 0.97)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var j = 0
        for _ in benchmark.scaledIterations {
            var rng = RandomStream(seed: 42, trial: 0, role: UInt64(j))
            blackHole(Sampler.binomial(count: 100_000, probability: 0.97, using: &rng))
            j &+= 1
        }
    }
    Benchmark("step: stream + binomial(150, 0.9)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var j = 0
        for _ in benchmark.scaledIterations {
            var rng = RandomStream(seed: 42, trial: 0, role: UInt64(j))
            blackHole(Sampler.binomial(count: 150, probability: 0.9, using: &rng))
            j &+= 1
        }
    }
    Benchmark("step: stream + lifetime-group gamma(40 × 4, 1/4)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var j = 0
        for _ in benchmark.scaledIterations {
            var rng = RandomStream(seed: 42, trial: 0, role: UInt64(j))
            blackHole(Sampler.gamma(shape: 160, scale: 0.25, using: &rng))
            j &+= 1
        }
    }
    Benchmark("step: stream + referrals poisson(120)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var j = 0
        for _ in benchmark.scaledIterations {
            var rng = RandomStream(seed: 42, trial: 0, role: UInt64(j))
            blackHole(Sampler.poisson(mean: 120, using: &rng))
            j &+= 1
        }
    }

    // The BLAS discounting step of a block: (4 · 64 trials × 120 periods) cash flows times
    // (120 periods × 3 rates) discount factors, one dgemm.
    Benchmark("discounting: dgemm 256×120 · 120×3") { benchmark in
        let periods = 120, rates = 3, rows = 4 * Simulation.blockSize
        var cash = Matrix(rows: rows, columns: periods)
        for i in cash.elements.indices { cash.elements[i] = Double(i % 97) }
        var discount = Matrix(rows: periods, columns: rates)
        for t in 0..<periods {
            for e in 0..<rates { discount[t, e] = pow(1 / (1 + 0.005 * Double(e + 1)), Double(t)) }
        }
        var out = Matrix(rows: rows, columns: rates)
        BLAS.useSingleThread()
        for _ in benchmark.scaledIterations {
            try? BLAS.gemm(cash, discount, into: &out)
            blackHole(out.elements[0])
        }
    }
}
