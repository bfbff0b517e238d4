#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The Kolmogorov–Smirnov goodness-of-fit test against a continuous CDF, and its two-sample form.
///
/// The statistic is Dₙ = supₓ |Fₙ(x) − F(x)| for the empirical CDF Fₙ; the p-value is the
/// asymptotic Kolmogorov tail P(K > λ) at λ = (√n + 0.12 + 0.11/√n)·Dₙ (Stephens' small-sample
/// correction), accurate to a few percent for n ≥ 35 — ample for thresholds like 10⁻⁴.
public enum KolmogorovSmirnov {
    /// The outcome of a test: the statistic Dₙ and its p-value.
    public struct Result: Sendable, CustomStringConvertible {
        public let statistic: Double
        public let pValue: Double
        public let sampleSize: Int
        public var description: String { "KS D=\(statistic) p=\(pValue) n=\(sampleSize)" }
    }

    /// Dₙ = max over sorted samples x₍ᵢ₎ of max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i−1)/n).
    ///
    /// Correct with tied samples as well (the extreme terms of a tie dominate).
    /// - Complexity: O(n log n) for the sort plus n CDF evaluations.
    public static func statistic(_ samples: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = Swift.max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    /// P(K > λ) for the Kolmogorov distribution: 2 Σₖ₌₁^∞ (−1)^(k−1) e^(−2k²λ²) for λ ≥ 1.18,
    /// 1 − (√(2π)/λ) Σₖ₌₁^∞ e^(−(2k−1)²π²/(8λ²)) below (both converge fast in their ranges).
    /// - Complexity: O(1) (at most 100 terms).
    public static func kolmogorovSurvival(_ lambda: Double) -> Double {
        if lambda <= 0 { return 1 }
        if lambda < 1.18 {
            var sum = 0.0
            for k in 1...100 {
                let j = Double(2 * k - 1)
                let term = exp(-j * j * Double.pi * Double.pi / (8 * lambda * lambda))
                sum += term
                if term < 1e-17 * sum { break }
            }
            return Swift.min(1, Swift.max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
        }
        var sum = 0.0
        var sign = 1.0
        for k in 1...100 {
            let kd = Double(k)
            let term = exp(-2 * kd * kd * lambda * lambda)
            sum += sign * term
            if term < 1e-17 { break }
            sign = -sign
        }
        return Swift.min(1, Swift.max(0, 2 * sum))
    }

    /// The asymptotic p-value of statistic `d` from `sampleSize` samples.
    /// - Complexity: O(1).
    public static func pValue(statistic d: Double, sampleSize n: Int) -> Double {
        pValue(statistic: d, effectiveSize: Double(n))
    }

    /// P(K > λ) at Stephens' λ = (√e + 0.12 + 0.11/√e)·D for a sample of (effective) size e.
    /// - Complexity: O(1).
    static func pValue(statistic d: Double, effectiveSize e: Double) -> Double {
        let root = e.squareRoot()
        return kolmogorovSurvival((root + 0.12 + 0.11 / root) * d)
    }

    /// The two-sample statistic D = supₓ |F_a(x) − F_b(x)| of the empirical CDFs of `a` and `b`,
    /// taken after all values equal to x, so that ties between the samples count once.
    /// - Complexity: O(n log n + m log m) for the sorts.
    public static func twoSampleStatistic(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.sorted(), y = b.sorted()
        let n = Double(x.count), m = Double(y.count)
        var i = 0, j = 0, d = 0.0
        while i < x.count && j < y.count {
            let value = Swift.min(x[i], y[j])
            while i < x.count && x[i] <= value { i += 1 }
            while j < y.count && y[j] <= value { j += 1 }
            d = Swift.max(d, abs(Double(i) / n - Double(j) / m))
        }
        return d
    }

    /// Runs the two-sample test of whether `a` and `b` come from one continuous distribution: the
    /// p-value is P(K > λ) at λ = (√e + 0.12 + 0.11/√e)·D with the effective size e = nm/(n + m).
    /// `sampleSize` reports e, rounded down.
    /// - Complexity: O(n log n + m log m).
    public static func twoSampleTest(_ a: [Double], _ b: [Double]) -> Result {
        let d = twoSampleStatistic(a, b)
        let effective = Double(a.count) * Double(b.count) / Double(a.count + b.count)
        return Result(statistic: d, pValue: pValue(statistic: d, effectiveSize: effective), sampleSize: Int(effective))
    }

    /// Runs the test of `samples` against `cdf`.
    /// - Complexity: O(n log n).
    public static func test(_ samples: [Double], cdf: (Double) -> Double) -> Result {
        let d = statistic(samples, cdf: cdf)
        return Result(statistic: d, pValue: pValue(statistic: d, sampleSize: samples.count), sampleSize: samples.count)
    }
}
