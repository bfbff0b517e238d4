/// Checks that a sample's mean and variance agree with exact values within a number of
/// standard errors.
///
/// SE(mean) = √(σ²/n) with the exact σ²; SE(variance) = √((m₄ − m₂²)/n) from the sample's
/// second and fourth central moments m₂, m₄ (or from an exact μ₄ when the caller knows it). `passes(within:)` requires both |z| ≤ k.
/// When an exact variance is 0 the check demands equality up to 1e-12 relative.
public struct MomentCheck: Sendable, CustomStringConvertible {
    public let sampleSize: Int
    public let sampleMean: Double
    public let sampleVariance: Double
    public let exactMean: Double
    public let exactVariance: Double
    public let meanStandardError: Double
    public let varianceStandardError: Double

    /// Computes the sample moments (two-pass, population normalisation 1/n for m₂ and m₄,
    /// unbiased 1/(n−1) for the reported sample variance).
    /// - Complexity: O(n).
    ///
    /// When `exactFourthCentralMoment` μ₄ is given, SE(variance) = √((μ₄ − σ⁴)/n) uses it instead
    /// of the sample's m₄ — needed when rare values may be absent from the sample altogether
    /// (a Poisson mean of 10⁻³ often gives a sample of zeros).
    public init(_ samples: [Double], exactMean: Double, exactVariance: Double, exactFourthCentralMoment: Double? = nil) {
        let sample = Self.sampleMoments(samples)
        sampleSize = samples.count
        sampleMean = sample.mean
        sampleVariance = sample.variance
        self.exactMean = exactMean
        self.exactVariance = exactVariance
        meanStandardError = (exactVariance / Double(samples.count)).squareRoot()
        if let mu4 = exactFourthCentralMoment {
            varianceStandardError = (Swift.max(0, mu4 - exactVariance * exactVariance) / Double(samples.count)).squareRoot()
        } else {
            varianceStandardError = sample.varianceStandardError
        }
    }

    /// A sample's mean, its unbiased variance s² and SE(s²) = √((m₄ − m₂²)/n), from the central
    /// moments m₂, m₄ with population normalisation — for comparing two samples when no exact
    /// value is known.
    /// - Complexity: O(n), two passes.
    public static func sampleMoments(_ samples: [Double]) -> (mean: Double, variance: Double, varianceStandardError: Double) {
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for x in samples {
            let d = (x - mean) * (x - mean)
            m2 += d
            m4 += d * d
        }
        let variance = m2 / (n - 1)
        m2 /= n
        m4 /= n
        return (mean, variance, (Swift.max(0, m4 - m2 * m2) / n).squareRoot())
    }

    /// (sample mean − exact mean) / SE(mean).
    public var meanZ: Double { Self.z(sampleMean, exactMean, meanStandardError) }
    /// (sample variance − exact variance) / SE(variance).
    public var varianceZ: Double { Self.z(sampleVariance, exactVariance, varianceStandardError) }

    /// Whether both |z| scores are at most `k` (4 by default).
    public func passes(within k: Double = 4) -> Bool {
        abs(meanZ) <= k && abs(varianceZ) <= k
    }

    public var description: String {
        "mean \(sampleMean) vs \(exactMean) (z \(meanZ)), variance \(sampleVariance) vs \(exactVariance) (z \(varianceZ)), n \(sampleSize)"
    }

    static func z(_ estimate: Double, _ exact: Double, _ se: Double) -> Double {
        if se > 0 { return (estimate - exact) / se }
        return abs(estimate - exact) <= 1e-12 * Swift.max(1, abs(exact)) ? 0 : .infinity
    }
}
