/// A univariate probability distribution, as a scenario names it (docs/scenario-format.md, "Distributions (`Dist`)").
///
/// Alternative parameterisations (gamma and beta by mean and sd, for example) are resolved to the
/// canonical parameters below when a scenario is read, so the kernel sees one form per family.
public enum Distribution: Sendable, Equatable, Hashable {
    /// A point mass at the value.
    case fixed(Double)
    /// Uniform on [min, max].
    case uniform(min: Double, max: Double)
    /// Triangular on [min, max] with the given mode.
    case triangular(min: Double, mode: Double, max: Double)
    /// Beta-PERT with λ = 4: `min + (max − min)·Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min))`.
    case pert(min: Double, mode: Double, max: Double)
    /// Normal with the given mean and standard deviation, truncated to [min, max] where bounds are given.
    case normal(mean: Double, sd: Double, min: Double?, max: Double?)
    /// Lognormal with the given mean and standard deviation *of the variable itself*.
    case lognormal(mean: Double, sd: Double)
    /// Gamma with shape k and scale θ: mean kθ, variance kθ².
    case gamma(shape: Double, scale: Double)
    /// Beta(α, β) on [0, 1].
    case beta(alpha: Double, beta: Double)
    /// Poisson with the given mean.
    case poisson(mean: Double)
    /// Values with weights proportional to `weights` (which need not sum to 1).
    case discrete(values: [Double], weights: [Double])
    /// Uniform resampling of the given samples.
    case empirical(samples: [Double])

    /// The smallest closed interval that holds every value the distribution can take
    /// (infinite ends for unbounded families).
    public var support: ClosedRange<Double> {
        switch self {
        case .fixed(let v): return v...v
        case .uniform(let a, let b), .triangular(let a, _, let b), .pert(let a, _, let b):
            return Swift.min(a, b)...Swift.max(a, b)
        case .normal(_, _, let lo, let hi):
            return (lo ?? -.infinity)...(hi ?? .infinity)
        case .lognormal: return 0...Double.infinity
        case .gamma: return 0...Double.infinity
        case .beta: return 0...1
        case .poisson: return 0...Double.infinity
        case .discrete(let values, _), .empirical(let values):
            guard let lo = values.min(), let hi = values.max() else { return 0...0 }
            return lo...hi
        }
    }

    /// Whether the distribution is a point mass (no uncertainty).
    public var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }
}
