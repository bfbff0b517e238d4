import Testing
@testable import CLVFit

@Suite struct BetaPosteriorTests {
    @Test func momentsAndQuantilesOfBeta() {
        let p = BetaPosterior(uniformPriorWithSuccesses: 3, trials: 10)
        #expect(p == BetaPosterior(alpha: 4, beta: 8))
        #expect(p.mean == 4.0 / 12)
        #expect(abs(p.sd - (32.0 / (144 * 13)).squareRoot()) < 1e-15)
        // Beta(1, 1) is uniform; Beta(2, 1) has CDF x², so its median is √½.
        #expect(abs(BetaPosterior(alpha: 1, beta: 1).quantile(0.05) - 0.05) < 1e-12)
        #expect(abs(BetaPosterior(alpha: 2, beta: 1).quantile(0.5) - 0.5.squareRoot()) < 1e-12)
    }
}
