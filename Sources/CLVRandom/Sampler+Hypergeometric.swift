#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Sampler {
    /// An exact draw from Hypergeometric(N, K, n): the number of marked items among n drawn
    /// without replacement from N items of which K are marked,
    /// P(X = x) = C(K, x)·C(N − K, n − x) / C(N, n) for max(0, n − N + K) ≤ x ≤ min(K, n).
    ///
    /// Inversion from the mode outward ("chop-down" search): with one uniform U, the support is
    /// visited in the order m, m + 1, m − 1, m + 2, m − 2, … (m the mode) and the first value at
    /// which the running sum of probabilities reaches U is returned. The probability at the mode
    /// comes from Loader's saddle-point binomial log-pmfs (`SpecialFunctions.logBinomialPMF`),
    /// f(m) = b(m; K, π)·b(n − m; N − K, π) / b(n; N, π) with π = n/N, which keep full relative
    /// accuracy for populations up to 10¹⁵; its neighbours follow from the ratio
    /// f(x + 1)/f(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1)). Any visiting order inverts
    /// the distribution exactly; this one stops after O(|X − m|) steps. A direction whose
    /// probabilities fall below 10⁻³⁰⁰ is closed; should U exceed the sum of all probabilities
    /// (rounding, about 10⁻¹⁵), the draw restarts with a new U, which keeps it exact.
    ///
    /// Returns 0 for invalid arguments (negative, K > N or n > N).
    /// - Complexity: O(1 + σ) expected, σ² = n·(K/N)·(1 − K/N)·(N − n)/(N − 1) the variance; one
    ///   uniform and two logarithm-free multiply-divides per step, no allocation.
    @inlinable
    public static func hypergeometric<G: RandomNumberGenerator>(
        population N: Int, successes K: Int, draws n: Int, using rng: inout G
    ) -> Int {
        guard N >= 0, K >= 0, n >= 0, K <= N, n <= N else { return 0 }
        let lower = Swift.max(0, n - (N - K)), upper = Swift.min(K, n)
        if lower >= upper { return lower }
        return hypergeometricInversion(population: N, successes: K, draws: n, lower: lower, upper: upper, using: &rng)
    }

    /// ln P(X = x) for X ~ Hypergeometric(N, K, n), by Loader's binomial log-pmfs at π = n/N
    /// (see `hypergeometric(population:successes:draws:using:)`); −∞ outside the support.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func logHypergeometricPMF(_ x: Int, population N: Int, successes K: Int, draws n: Int) -> Double {
        let lower = Swift.max(0, n - (N - K)), upper = Swift.min(K, n)
        guard x >= lower, x <= upper else { return -.infinity }
        if lower == upper { return 0 }
        let pi = Double(n) / Double(N)
        return SpecialFunctions.logBinomialPMF(Double(x), n: Double(K), p: pi)
            + SpecialFunctions.logBinomialPMF(Double(n - x), n: Double(N - K), p: pi)
            - SpecialFunctions.logBinomialPMF(Double(n), n: Double(N), p: pi)
    }

    /// The chop-down inversion of `hypergeometric(population:successes:draws:using:)` on a
    /// support `lower` < `upper`.
    @inlinable
    static func hypergeometricInversion<G: RandomNumberGenerator>(
        population N: Int, successes K: Int, draws n: Int, lower: Int, upper: Int, using rng: inout G
    ) -> Int {
        let nd = Double(n), kd = Double(K), rest = Double(N - K) - nd
        // The mode ⌊(n + 1)(K + 1)/(N + 2)⌋; rounding can move it by one, which costs a step.
        let modeEstimate = ((nd + 1) * (kd + 1) / (Double(N) + 2)).rounded(.down)
        let mode = Swift.min(upper, Swift.max(lower, Int(modeEstimate)))
        let fMode = exp(logHypergeometricPMF(mode, population: N, successes: K, draws: n))
        let tiny = 1e-300
        while true {
            let u = rng.nextOpenUnit()
            var sum = fMode
            if u <= sum { return mode }
            var up = mode, down = mode
            var fUp = fMode, fDown = fMode
            var upOpen = up < upper, downOpen = down > lower
            while upOpen || downOpen {
                if upOpen {
                    let x = Double(up)
                    fUp *= (kd - x) * (nd - x) / ((x + 1) * (rest + x + 1))
                    up += 1
                    sum += fUp
                    if u <= sum { return up }
                    upOpen = up < upper && fUp > tiny
                }
                if downOpen {
                    let x = Double(down)
                    fDown *= x * (rest + x) / ((kd - x + 1) * (nd - x + 1))
                    down -= 1
                    sum += fDown
                    if u <= sum { return down }
                    downOpen = down > lower && fDown > tiny
                }
            }
        }
    }
}
