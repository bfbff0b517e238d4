import Foundation
import Testing
import CLVRandom
@testable import CLVFit

/// The grouped Gamma-Gamma log-likelihood equals the customer-by-customer formula.
@Suite struct GammaGammaDataTests {
    func direct(p: Double, q: Double, gamma: Double, _ summaries: [SpendFit.RepeatSummary]) -> Double {
        summaries.reduce(0) { total, s in
            let x = Double(s.repeats), px = p * x
            return total - SpecialFunctions.logGamma(q) + q * log(gamma) + SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) + (px - 1) * log(s.meanValue)
                + px * log(x) - (px + q) * log(gamma + s.meanValue * x)
        }
    }

    @Test func groupedEqualsDirect() {
        var generator = SystemRandomNumberGenerator()
        let summaries = (0..<2000).map { _ in
            SpendFit.RepeatSummary(repeats: Int.random(in: 1...12, using: &generator), meanValue: Double.random(in: 1...500, using: &generator))
        }
        let data = GammaGammaData(summaries)
        #expect(data.groups.count <= 12)
        for (p, q, g) in [(3.7, 7.9, 133.8), (0.5, 1.2, 5.0), (40.0, 3.0, 1000.0)] {
            let a = data.logLikelihood(p: p, q: q, gamma: g), b = direct(p: p, q: q, gamma: g, summaries)
            #expect(abs(a - b) <= 1e-9 * abs(b), "\(a) vs \(b)")
        }
        #expect(data.logLikelihood(p: -1, q: 1, gamma: 1) == -.infinity)
    }
}
