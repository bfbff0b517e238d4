#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Sampler {
    /// An exact draw from Binomial(n, p): the number of successes in n independent trials of
    /// probability p.
    ///
    /// With p′ = min(p, 1 − p) (mirroring the result when p > ½): sequential inversion of the
    /// pmf when n·p′ < 10, otherwise Hörmann's BTRS transformed rejection with squeeze
    /// ("The generation of binomial random variates", 1993), whose acceptance test uses Loader's
    /// saddle-point log-pmf so it stays exact for n up to 10¹⁵. Never n Bernoulli draws.
    ///
    /// Returns 0 for n = 0 or p = 0, n for p = 1; 0 for n < 0 or p outside [0, 1] / NaN.
    /// - Complexity: O(1) expected (O(n·p′ + 1) ≤ O(10) steps in the inversion branch).
    @inlinable
    public static func binomial<G: RandomNumberGenerator>(count n: Int, probability p: Double, using rng: inout G) -> Int {
        guard n > 0, p >= 0, p <= 1 else { return 0 }
        if p == 0 { return 0 }
        if p == 1 { return n }
        if p > 0.5 { return n - binomialLowerHalf(count: n, probability: 1 - p, using: &rng) }
        return binomialLowerHalf(count: n, probability: p, using: &rng)
    }

    /// ln(1 − p′) with p′ = min(p, 1 − p): the logarithm the binomial sampler's inversion branch
    /// needs, for callers that draw many binomials with the same p and compute it once.
    ///
    /// - Complexity: O(1): one `log1p`.
    @inlinable
    public static func binomialLogComplement(probability p: Double) -> Double {
        p > 0.5 ? log1p(-(1 - p)) : log1p(-p)
    }

    /// `binomial(count:probability:using:)` with ln(1 − p′) = `binomialLogComplement(probability: p)`
    /// supplied by the caller; the draw is bitwise the same as without it.
    ///
    /// Returns 0 for n = 0 or p = 0, n for p = 1; 0 for n < 0 or p outside [0, 1] / NaN.
    /// - Complexity: O(1) expected, as `binomial(count:probability:using:)`, one logarithm fewer.
    @inlinable
    public static func binomial<G: RandomNumberGenerator>(
        count n: Int, probability p: Double, logComplement: Double, using rng: inout G
    ) -> Int {
        guard n > 0, p >= 0, p <= 1 else { return 0 }
        if p == 0 { return 0 }
        if p == 1 { return n }
        if p > 0.5 { return n - binomialLowerHalf(count: n, probability: 1 - p, logComplement: logComplement, using: &rng) }
        return binomialLowerHalf(count: n, probability: p, logComplement: logComplement, using: &rng)
    }

    /// Binomial(n, p) for 0 < p ≤ ½ and n > 0.
    @inlinable
    static func binomialLowerHalf<G: RandomNumberGenerator>(count n: Int, probability p: Double, using rng: inout G) -> Int {
        let nd = Double(n)
        if nd * p < 10 { return binomialInversion(count: n, probability: p, logComplement: log1p(-p), using: &rng) }
        return binomialBTRS(count: n, probability: p, using: &rng)
    }

    /// Binomial(n, p) for 0 < p ≤ ½ and n > 0, with ln(1 − p) given.
    @inlinable
    static func binomialLowerHalf<G: RandomNumberGenerator>(
        count n: Int, probability p: Double, logComplement: Double, using rng: inout G
    ) -> Int {
        let nd = Double(n)
        if nd * p < 10 { return binomialInversion(count: n, probability: p, logComplement: logComplement, using: &rng) }
        return binomialBTRS(count: n, probability: p, using: &rng)
    }

    /// Sequential inversion: walk k = 0, 1, … subtracting f(k) from U, with
    /// f(0) = qⁿ = exp(n · ln(1 − p)) and f(k) = f(k−1) · ((n+1)s/k − s), s = p/q. Used for
    /// n·p < 10, so the walk is short; it is capped at k = min(n, 10 000) in case U exceeds the
    /// rounded pmf total.
    @inlinable
    static func binomialInversion<G: RandomNumberGenerator>(
        count n: Int, probability p: Double, logComplement: Double, using rng: inout G
    ) -> Int {
        let q = 1 - p
        let s = p / q
        let a = (Double(n) + 1) * s
        var f = exp(Double(n) * logComplement)
        var u = rng.nextOpenUnit()
        var k = 0
        let cap = Swift.min(n, 10_000)
        while u > f && k < cap {
            u -= f
            k += 1
            f *= a / Double(k) - s
        }
        return k
    }

    /// Hörmann's BTRS for n·p ≥ 10, p ≤ ½. The loop is bounded by 10 000 attempts (each accepted
    /// with probability > 0.8); the unreachable fall-through returns the mode.
    ///
    /// A draw outside the squeeze is accepted when ln(v·α/(a/u_s² + b)) ≤ ln f(k) − ln f(m), m the
    /// mode. The right side is Hörmann's Stirling form of the exact log-ratio,
    /// (m+½)·ln((m+1)/(r(n−m+1))) + (n+1)·ln(1 + (k−m)/(n−k+1)) + (k+½)·ln(r(n−k+1)/(k+1))
    /// + δ(m+1) + δ(n−m+1) − δ(k+1) − δ(n−k+1), r = p/q and δ the Stirling error
    /// (`SpecialFunctions.stirlingErrorOfWhole`, exact by table up to 15): the difference of two
    /// Loader log-pmfs to rounding (ln(1 + x) by `log1p`, so n may reach 10¹⁵) at about half the
    /// cost — two logarithms and two δ per test, the mode's terms once per call. Its rounding
    /// error grows like m·ε, so above a mode of 10⁴ the test uses Loader's log-pmfs
    /// (docs/samplers.md).
    @inlinable
    static func binomialBTRS<G: RandomNumberGenerator>(count n: Int, probability p: Double, using rng: inout G) -> Int {
        let nd = Double(n)
        let q = 1 - p
        let spq = (nd * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = nd * p + 0.5
        let vr = 0.92 - 4.2 / b
        let alpha = (2.83 + 5.1 / b) * spq
        let m = ((nd + 1) * p).rounded(.down)
        let r = p / q
        // The mode's terms of the log-ratio, needed only when a draw falls outside the squeeze:
        // computed once, lazily.
        var modeTerms = Double.nan
        for _ in 0..<10_000 {
            let u = rng.nextOpenUnit() - 0.5
            let v = rng.nextOpenUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > nd || k >= 0x1p63 { continue }  // also keeps Int(k) from trapping
            if us >= 0.07 && v <= vr { return Int(k) }
            let lhs = log(v * alpha / (a / (us * us) + b))
            if modeTerms.isNaN { modeTerms = binomialModeTerms(mode: m, count: nd, probability: p, odds: r) }
            if lhs <= binomialLogRatio(k, mode: m, count: nd, probability: p, odds: r, modeTerms: modeTerms) { return Int(k) }
        }
        return Int(m)
    }

    /// Up to this mode the rejection test uses the Stirling form of the log-ratio, whose rounding
    /// error grows like m·ε; above it, Loader's log-pmfs (errors of order ε at any n).
    @inlinable static var stirlingFormModeLimit: Double { 10_000 }

    /// The part of BTRS's log-ratio ln f(k) − ln f(m) that depends only on the mode m: for
    /// m ≤ `stirlingFormModeLimit`, (m+½)·ln((m+1)/(r(n−m+1))) + δ(m+1) + δ(n−m+1) with r = p/q
    /// the odds; above it ln f(m) by Loader's form.
    /// - Complexity: O(1).
    @inlinable
    static func binomialModeTerms(mode m: Double, count nd: Double, probability p: Double, odds r: Double) -> Double {
        guard m <= stirlingFormModeLimit else { return SpecialFunctions.logBinomialPMF(m, n: nd, p: p) }
        return (m + 0.5) * log((m + 1) / (r * (nd - m + 1)))
            + SpecialFunctions.stirlingErrorOfWhole(m + 1) + SpecialFunctions.stirlingErrorOfWhole(nd - m + 1)
    }

    /// ln f(k) − ln f(m) for Binomial(n, p) with odds r = p/q and mode m, given
    /// `binomialModeTerms(mode: m, count: n, probability: p, odds: r)`, for 0 ≤ k ≤ n.
    /// - Complexity: O(1): two logarithms and two Stirling errors (one Loader log-pmf above the
    ///   mode limit).
    @inlinable
    static func binomialLogRatio(_ k: Double, mode m: Double, count nd: Double, probability p: Double, odds r: Double,
                                 modeTerms: Double) -> Double {
        guard m <= stirlingFormModeLimit else { return SpecialFunctions.logBinomialPMF(k, n: nd, p: p) - modeTerms }
        return modeTerms + (nd + 1) * log1p((k - m) / (nd - k + 1)) + (k + 0.5) * log(r * (nd - k + 1) / (k + 1))
            - SpecialFunctions.stirlingErrorOfWhole(k + 1) - SpecialFunctions.stirlingErrorOfWhole(nd - k + 1)
    }
}
