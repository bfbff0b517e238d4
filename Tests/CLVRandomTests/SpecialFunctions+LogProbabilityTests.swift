import Testing
@testable import CLVRandom

@Suite struct SpecialFunctionsLogProbabilityTests {
    /// (k, n, p, ln f) from mpmath (exact binomial coefficients); 1e-12 relative even at n = 10⁹.
    @Test func logBinomialPMFMatchesReference() {
        let cases: [(Double, Double, Double, Double)] = [
            (300000000.0, 1000000000.0, 0.3, -10.500247577859037),
            (300010000.0, 1000000000.0, 0.3, -10.738350827753022),
            (5.0, 40.0, 0.5, -14.328914854109556),
            (0.0, 1000000.0, 1e-09, -0.0010000000005),
            (7.0, 100.0, 0.05, -2.244075295350534),
        ]
        for (k, n, p, expected) in cases {
            let got = SpecialFunctions.logBinomialPMF(k, n: n, p: p)
            #expect(relativeError(got, expected) < 1e-12, "ln f(\(k); \(n), \(p)) = \(got)")
        }
        #expect(SpecialFunctions.logBinomialPMF(-1, n: 10, p: 0.5) == -.infinity)
        #expect(SpecialFunctions.logBinomialPMF(11, n: 10, p: 0.5) == -.infinity)
    }

    /// (k, λ, ln f) from mpmath; 1e-12 relative even at λ = 10¹².
    @Test func logPoissonPMFMatchesReference() {
        let cases: [(Double, Double, Double)] = [
            (1000000000000.0, 1000000000000.0, -14.73444909116903),
            (1000002000000.0, 1000000000000.0, -16.73444875783603),
            (3.0, 2.5, -1.5428872736055899), (0.0, 0.5, -0.5), (20.0, 9.9, -6.3849213179426),
        ]
        for (k, lambda, expected) in cases {
            let got = SpecialFunctions.logPoissonPMF(k, mean: lambda)
            #expect(relativeError(got, expected) < 1e-12, "ln f(\(k); \(lambda)) = \(got)")
        }
    }
}
