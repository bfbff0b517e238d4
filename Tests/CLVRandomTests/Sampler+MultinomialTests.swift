import CLVTestSupport
import Testing
@testable import CLVRandom

@Suite struct SamplerMultinomialTests {
    /// Unnormalised weights [2, 0, 5, 3]: each count is Binomial(n, wᵢ/Σw) marginally, the zero
    /// weight never receives anything, and the counts always sum to n.
    @Test func marginalsAreBinomial() {
        let weights = [2.0, 0, 5, 3]
        let n = 1_000
        var counts: [Int] = [9, 9]
        var rng = RandomStream(seed: 600, trial: 0, role: 0)
        var columns = [[Double]](repeating: [], count: 4)
        for _ in 0..<20_000 {
            Sampler.multinomial(count: n, probabilities: weights, into: &counts, using: &rng)
            #expect(counts.count == 4)
            #expect(counts.reduce(0, +) == n)
            for j in 0..<4 { columns[j].append(Double(counts[j])) }
        }
        #expect(columns[1].allSatisfy { $0 == 0 })
        for j in [0, 2, 3] {
            let p = weights[j] / 10
            let moments = MomentCheck(columns[j], exactMean: Double(n) * p, exactVariance: Double(n) * p * (1 - p))
            #expect(moments.passes(), "category \(j): \(moments)")
        }
    }

    @Test func hugeCountsSumExactly() {
        var counts: [Int] = []
        var rng = RandomStream(seed: 601, trial: 0, role: 0)
        Sampler.multinomial(count: 1_000_000_000_000, probabilities: [0.1, 0.2, 0.3, 0.4, 0], into: &counts, using: &rng)
        #expect(counts.reduce(0, +) == 1_000_000_000_000)
        #expect(counts[4] == 0)
    }

    @Test func invalidInputGivesZeros() {
        var counts: [Int] = [1, 2, 3]
        var rng = RandomStream(seed: 602, trial: 0, role: 0)
        Sampler.multinomial(count: 10, probabilities: [0.5, -0.1, 0.6], into: &counts, using: &rng)
        #expect(counts == [0, 0, 0])
        Sampler.multinomial(count: 10, probabilities: [0, 0], into: &counts, using: &rng)
        #expect(counts == [0, 0])
        Sampler.multinomial(count: 10, probabilities: [.nan, 1], into: &counts, using: &rng)
        #expect(counts == [0, 0])
        Sampler.multinomial(count: 0, probabilities: [1, 1], into: &counts, using: &rng)
        #expect(counts == [0, 0])
        Sampler.multinomial(count: 5, probabilities: [], into: &counts, using: &rng)
        #expect(counts.isEmpty)
    }
}
