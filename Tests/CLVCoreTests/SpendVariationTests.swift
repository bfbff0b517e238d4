import Testing
@testable import CLVCore
import CLVRandom

/// `SpendVariation.total(of:using:)`, with Marsaglia–Tsang's constants tabled per count, draws
/// bitwise what `Sampler.gamma(shape: c·k, scale: 1/k)` draws from the same stream — below the
/// table's first count (c·k < 1, the boosted sampler), across the table and beyond it.
@Suite struct SpendVariationTests {
    @Test(arguments: [0.05, 0.3, 0.5, 1, 1.5, 4, 250])
    func tabledTotalsAreTheGammaDraws(shape k: Double) {
        let variation = SpendVariation(shape: k)
        var differences = 0
        for count in Array(1...300) + [1_000, 123_456, 1 << 40] {
            for role in 0..<4 {
                var tabled = RandomStream(seed: 23, trial: UInt32(truncatingIfNeeded: count), role: UInt64(role))
                var direct = tabled
                let a = variation.total(of: count, using: &tabled)
                let b = Sampler.gamma(shape: Double(count) * k, scale: 1 / k, using: &direct)
                if a.bitPattern != b.bitPattern || tabled.next() != direct.next() { differences += 1 }
            }
        }
        #expect(differences == 0, "shape \(k): \(differences) draws differ")
    }
}
