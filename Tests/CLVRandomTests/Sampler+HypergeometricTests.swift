import CLVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import CLVRandom

@Suite struct SamplerHypergeometricTests {
    /// The exact pmf over the whole support by the ratio recurrence from the lower end, in
    /// logarithms and normalised — independent of the sampler's saddle-point log-pmf.
    static func exactPMF(population N: Int, successes K: Int, draws n: Int) -> (lower: Int, pmf: [Double]) {
        let lower = max(0, n - (N - K)), upper = min(K, n)
        var logs = [0.0]
        var x = lower
        while x < upper {
            let (k, nn, xd) = (Double(K), Double(n), Double(x))
            let rest = Double(N - K) - nn
            logs.append(logs.last! + log((k - xd) * (nn - xd)) - log((xd + 1) * (rest + xd + 1)))
            x += 1
        }
        let top = logs.max()!
        let weights = logs.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        return (lower, weights.map { $0 / total })
    }

    /// (N, K, n): tiny, symmetric, skewed, one-sided support, large σ, and huge populations with
    /// few draws or few successes.
    static let cases: [(Int, Int, Int)] = [
        (10, 3, 4), (50, 25, 25), (1_000, 10, 500), (1_000, 990, 40), (100_000, 30_000, 20_000),
        (1_000_000_000_000, 500_000_000_000, 5), (1_000_000_000_000, 3, 100_000_000_000),
        (1_000_000_000, 400_000_000, 1_000_000), (20, 15, 12), (1_000_000_000_000_000, 100_000_000_000_000, 1_000),
    ]

    @Test(arguments: 0..<10)
    func momentsAndChiSquare(_ i: Int) {
        let (N, K, n) = Self.cases[i]
        let x = Draws.collect(30_000, seed: 900 + UInt64(i)) {
            Sampler.hypergeometric(population: N, successes: K, draws: n, using: &$0)
        }
        let lower = max(0, n - (N - K)), upper = min(K, n)
        #expect(x.allSatisfy { $0 >= lower && $0 <= upper })
        let (nd, kd, popd) = (Double(n), Double(K), Double(N))
        let share = kd / popd
        let mean = nd * share
        let variance = nd * share * (1 - share) * (popd - nd) / (popd - 1)
        let moments = MomentCheck(x.map(Double.init), exactMean: mean, exactVariance: variance)
        #expect(moments.passes(), "\(Self.cases[i]): \(moments)")
        let exact = Self.exactPMF(population: N, successes: K, draws: n)
        let chi = ChiSquare.test(x) { k in
            let j = k - exact.lower
            return j >= 0 && j < exact.pmf.count ? exact.pmf[j] : 0
        }
        #expect(chi.pValue > 1e-4, "\(Self.cases[i]): \(chi)")
    }

    /// The saddle-point log-pmf the sampler starts from against the normalised recurrence.
    @Test func logPMFMatchesTheRecurrence() {
        for (N, K, n) in [(50, 25, 25), (1_000, 10, 500), (100_000, 30_000, 20_000), (1_000_000_000, 400_000_000, 1_000_000)] {
            let exact = Self.exactPMF(population: N, successes: K, draws: n)
            let mode = exact.pmf.indices.max { exact.pmf[$0] < exact.pmf[$1] }!
            for j in [mode, mode / 2, min(exact.pmf.count - 1, mode + mode / 3 + 1)] where exact.pmf[j] > 1e-200 {
                let value = exp(Sampler.logHypergeometricPMF(exact.lower + j, population: N, successes: K, draws: n))
                #expect(abs(value - exact.pmf[j]) <= 1e-9 * exact.pmf[j], "\((N, K, n)) x=\(exact.lower + j)")
            }
        }
    }

    /// Degenerate supports give their one value without drawing; invalid arguments give 0.
    @Test func edgeCases() {
        var rng = RandomStream(seed: 7, trial: 0, role: 0)
        let degenerate: [((Int, Int, Int), Int)] = [
            ((0, 0, 0), 0), ((1, 1, 1), 1), ((1, 0, 1), 0), ((1, 1, 0), 0), ((10, 0, 7), 0), ((10, 10, 7), 7),
            ((10, 4, 0), 0), ((10, 4, 10), 4), ((10, 9, 10), 9),
            ((1_000_000_000_000, 1_000_000_000_000, 3), 3), ((1_000_000_000_000, 0, 3), 0),
        ]
        for ((N, K, n), expected) in degenerate {
            #expect(Sampler.hypergeometric(population: N, successes: K, draws: n, using: &rng) == expected, "\((N, K, n))")
        }
        for (N, K, n) in [(-1, 0, 0), (5, 6, 1), (5, 1, 6), (5, -1, 2)] {
            #expect(Sampler.hypergeometric(population: N, successes: K, draws: n, using: &rng) == 0)
        }
        // Population 2, one success, one draw: a fair coin.
        let coin = Draws.collect(20_000, seed: 3) { Sampler.hypergeometric(population: 2, successes: 1, draws: 1, using: &$0) }
        let heads = Double(coin.reduce(0, +))
        #expect(abs(heads - 10_000) < 4 * 70.8)
    }

    /// X(N, K, n) and X(N, n, K) have the same distribution, and N − K − n + X(N, K, n) that of
    /// the unmarked items left behind: the means agree within four standard errors.
    @Test func symmetries() {
        let (N, K, n) = (2_000, 300, 700)
        let a = Draws.collect(20_000, seed: 11) { Sampler.hypergeometric(population: N, successes: K, draws: n, using: &$0) }
        let b = Draws.collect(20_000, seed: 12) { Sampler.hypergeometric(population: N, successes: n, draws: K, using: &$0) }
        let c = Draws.collect(20_000, seed: 13) { K - Sampler.hypergeometric(population: N, successes: K, draws: N - n, using: &$0) }
        let share = Double(K) / Double(N)
        let sd = (Double(n) * share * (1 - share) * Double(N - n) / Double(N - 1)).squareRoot()
        let se = sd / (20_000.0).squareRoot()
        let mean = Double(n) * share
        for (name, sample) in [("draws", a), ("swapped", b), ("complement", c)] {
            let m = Double(sample.reduce(0, +)) / 20_000
            #expect(abs(m - mean) < 4 * se, "\(name): \(m) vs \(mean) ± \(se)")
        }
    }
}
