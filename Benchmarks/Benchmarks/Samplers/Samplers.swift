import Benchmark
import CLVRandom

/// Per-draw cost of the random stream and the samplers the simulation kernel calls most.
///
/// Each benchmark iteration draws `drawsPerIteration` values from one `RandomStream`, so the
/// reported time per iteration divided by that count is the time per draw; `scalingFactor`
/// makes package-benchmark report per-draw figures directly.
let drawsPerIteration = 1_000

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )

    func measure(_ name: String, _ draw: @escaping @Sendable (inout RandomStream) -> Double) {
        Benchmark(name) { benchmark in
            var rng = RandomStream(seed: 42, trial: 0, role: 1)
            for _ in benchmark.scaledIterations {
                blackHole(draw(&rng))
            }
        }
    }

    Benchmark("RandomStream.next") { benchmark in
        var rng = RandomStream(seed: 42, trial: 0, role: 1)
        for _ in benchmark.scaledIterations {
            blackHole(rng.next())
        }
    }
    measure("nextOpenUnit") { $0.nextOpenUnit() }
    measure("standardNormal") { Sampler.standardNormal(using: &$0) }
    measure("gamma(shape 2.5)") { Sampler.gamma(shape: 2.5, scale: 1, using: &$0) }
    measure("beta(2, 5)") { Sampler.beta(alpha: 2, beta: 5, using: &$0) }
    measure("binomial(n 1e6, p 0.3)") { Double(Sampler.binomial(count: 1_000_000, probability: 0.3, using: &$0)) }
    measure("poisson(1e4)") { Double(Sampler.poisson(mean: 1e4, using: &$0)) }
}
