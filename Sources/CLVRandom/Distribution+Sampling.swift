extension Distribution {
    /// One draw from the distribution.
    ///
    /// Continuous families use the matching `Sampler`; `discrete` and `empirical` draw
    /// `quantile(U)`. Invalid parameters give NaN (see `Sampler`).
    /// - Complexity: O(1) expected for parametric families; O(n) for `discrete` and `empirical`
    ///   with sorted values (O(n log n) otherwise).
    @inlinable
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        switch self {
        case .fixed(let v):
            return v
        case .uniform(let a, let b):
            guard a <= b else { return .nan }
            return Distribution.uniformQuantile(min: a, max: b, rng.nextOpenUnit())
        case .triangular(let a, let c, let b):
            return Sampler.triangular(min: a, mode: c, max: b, using: &rng)
        case .pert(let a, let c, let b):
            return Sampler.pert(min: a, mode: c, max: b, using: &rng)
        case .normal(let mean, let sd, nil, nil):
            return Sampler.normal(mean: mean, sd: sd, using: &rng)
        case .normal(let mean, let sd, let lo, let hi):
            return Sampler.truncatedNormal(
                mean: mean, sd: sd, lower: lo ?? -.infinity, upper: hi ?? .infinity, using: &rng)
        case .lognormal(let mean, let sd):
            return Sampler.lognormal(mean: mean, sd: sd, using: &rng)
        case .gamma(let shape, let scale):
            return Sampler.gamma(shape: shape, scale: scale, using: &rng)
        case .beta(let a, let b):
            return Sampler.beta(alpha: a, beta: b, using: &rng)
        case .poisson(let mean):
            guard mean >= 0, mean.isFinite else { return .nan }
            return Double(Sampler.poisson(mean: mean, using: &rng))
        case .discrete, .empirical:
            return quantile(rng.nextOpenUnit())
        }
    }
}
