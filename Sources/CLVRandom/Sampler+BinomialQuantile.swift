#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Sampler {
    /// The quantile function of Binomial(n, p) at `u`: the smallest k with P(X ≤ k) ≥ u, an
    /// exact draw from Binomial(n, p) by inversion when u is uniform on (0, 1).
    ///
    /// Unlike `binomial(count:probability:using:)`, the draw is a function of one uniform, and
    /// for a fixed u it is non-decreasing in p (and in n): the same u at a slightly larger p gives
    /// the same count or a larger one. Simulations that compare candidate probabilities under
    /// common random numbers (docs/optimization.md "Common random numbers") therefore see
    /// counts that move monotonically, in small steps, with the probability.
    ///
    /// Method: when n·p < 10 the pmf is summed up from k = 0 (f(0) = qⁿ); when n·q < 10 the
    /// upper tail is summed down from k = n. Otherwise a Cornish–Fisher guess
    /// k₀ ≈ np + σ(z + γ(z² − 1)/6) − ½ (z = Φ⁻¹(u), σ² = npq, γ = (q − p)/σ) is refined: the
    /// CDF at k₀ is F(k₀) = I_q(n − k₀, k₀ + 1) (`SpecialFunctions.regularizedBeta`), the pmf
    /// there is Loader's saddle-point form (`SpecialFunctions.logBinomialPMF`), and the walk to
    /// the quantile uses the ratios f(k+1)/f(k) = (n − k)/(k + 1) · p/q. Below the median the
    /// lower tail F is tracked, above it the upper tail 1 − F, so that neither loses precision
    /// to cancellation.
    ///
    /// Returns 0 for n ≤ 0, p ≤ 0, NaN p or u ≤ 0; n for p ≥ 1 or u ≥ 1.
    /// - Complexity: O(1) steps of the walk in expectation (the guess is within a few counts of
    ///   the quantile) plus one incomplete beta, O(√(n·p·q) + 1) continued-fraction terms
    ///   (capped at 10⁶); O(n·p + 1) ≤ O(10) steps in the tail branches.
    public static func binomialQuantile(_ u: Double, count n: Int, probability p: Double) -> Int {
        guard n > 0, p > 0, u > 0, !u.isNaN else { return 0 }
        if p >= 1 || u >= 1 { return n }
        let nd = Double(n), q = 1 - p
        let mean = nd * p
        let odds = p / q
        if mean < 10 {
            // Sum the pmf up from 0.
            var f = exp(nd * log1p(-p))
            var total = f
            var k = 0
            while total < u && k < n {
                k += 1
                f *= (nd - Double(k) + 1) / Double(k) * odds
                let next = total + f
                if next == total && Double(k) > mean { break }  // the rest rounds to nothing
                total = next
            }
            return k
        }
        if nd * q < 10 {
            // Sum the upper tail down from n: the answer is the smallest k with P(X > k) ≤ 1 − u.
            let v = 1 - u
            return lowerWithinUpperTail(from: n, tail: 0, pmf: exp(nd * log(p)), bound: v, count: nd, odds: odds, mean: mean)
        }
        let sd = (mean * q).squareRoot()
        let z = SpecialFunctions.normalQuantile(u)
        let gamma = (q - p) / sd
        let guess = mean + sd * (z + gamma * (z * z - 1) / 6) - 0.5
        var k = Int(Swift.min(Swift.max(guess.rounded(), 0), nd))
        var f = exp(SpecialFunctions.logBinomialPMF(Double(k), n: nd, p: p))
        let (lower, upper): (Double, Double)
        if k == n {
            (lower, upper) = (0, -.infinity)
        } else {
            (lower, upper) = SpecialFunctions.logRegularizedBeta(x: q, a: nd - Double(k), b: Double(k) + 1)
        }
        if u <= 0.5 {
            var cdf = exp(lower)  // F(k)
            if cdf >= u {
                while k > 0 {
                    let below = cdf - f  // F(k − 1)
                    guard below >= u else { break }
                    cdf = below
                    f *= Double(k) / (nd - Double(k) + 1) / odds
                    k -= 1
                }
            } else {
                while k < n && cdf < u {
                    k += 1
                    f *= (nd - Double(k) + 1) / Double(k) * odds
                    let next = cdf + f
                    if next == cdf && Double(k) > mean { break }
                    cdf = next
                }
            }
            return k
        }
        let v = 1 - u  // exact for u ≥ ½
        var tail = exp(upper)  // P(X > k)
        if tail <= v {
            return lowerWithinUpperTail(from: k, tail: tail, pmf: f, bound: v, count: nd, odds: odds, mean: mean)
        } else {
            while k < n && tail > v {
                k += 1
                f *= (nd - Double(k) + 1) / Double(k) * odds
                tail -= f
            }
        }
        return k
    }

    /// Walks down from k, where P(X > k) = `tail` ≤ `bound` and f(k) = `pmf`, to the smallest k
    /// whose upper tail P(X > k) stays ≤ `bound` (the quantile at u = 1 − bound); a step whose
    /// pmf rounds to nothing below the mean ends the walk.
    ///
    /// - Complexity: O(steps walked).
    private static func lowerWithinUpperTail(from start: Int, tail: Double, pmf: Double, bound v: Double,
                                             count nd: Double, odds: Double, mean: Double) -> Int {
        var k = start, tail = tail, f = pmf
        while k > 0 {
            let above = tail + f  // P(X > k − 1)
            guard above <= v else { break }
            if above == tail && Double(k) < mean { break }
            tail = above
            f *= Double(k) / (nd - Double(k) + 1) / odds
            k -= 1
        }
        return k
    }
}
