import Testing
@testable import CLVRandom

/// Relative difference |a − b| / |b| (absolute when b = 0).
func relativeError(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return b == 0 ? abs(a) : abs(a - b) / abs(b)
}

/// Reference values computed with mpmath at 40 digits.
@Suite struct SpecialFunctionsTests {
    @Test func logGammaMatchesReference() {
        let cases: [(Double, Double)] = [
            (0.001, 6.907178885383853), (0.5, 0.5723649429247001), (1.0, 0.0),
            (3.5, 1.2009736023470743), (100.0, 359.1342053695754), (1000000.0, 12815504.569147611),
        ]
        // Tolerance 1e-14 relative (1e-15 absolute at the zero Γ(1) = 1).
        for (x, expected) in cases {
            let got = SpecialFunctions.logGamma(x)
            #expect(abs(got - expected) <= 1e-14 * Swift.max(1, abs(expected)), "lnΓ(\(x)) = \(got)")
        }
    }

    @Test func logBetaIsSymmetricAndMatchesGammaRatio() {
        #expect(abs(SpecialFunctions.logBeta(2, 5) - SpecialFunctions.logBeta(5, 2)) < 1e-15)
        // B(2, 5) = 1/30
        #expect(relativeError(SpecialFunctions.logBeta(2, 5), -3.4011973816621555) < 1e-14)
    }
}
