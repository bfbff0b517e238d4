import CLVRandom

/// One renewal step of a cohort followed jointly in the baseline and in a strategy's world, given
/// the baseline's own draw (docs/strategies.md "How coupling works, and what it buys").
///
/// The customers of a cohort (or pool) fall into three groups: `both` (a) alive in both worlds,
/// b alive in the baseline only, and `strategyOnly` (s) alive in the strategy's world only. The
/// baseline's count a + b and its renewers R out of them are the baseline's recorded draws; with
/// p the baseline's renewal probability of the step and q the strategy's:
/// - X, the renewers of group a in the baseline, ~ Hypergeometric(a + b, a, R): given R, the
///   baseline's renewers are a uniformly random subset of its customers;
/// - if q ≥ p: the X renew in both worlds, and each of the a − X others renews in the strategy's
///   world only with probability (q − p)/(1 − p), Y ~ Binomial(a − X, (q − p)/(1 − p)):
///   a′ = X, s′ = Binomial(s, q) + Y, b′ = R − X;
/// - if q < p: each of the X stays in the strategy's world with probability q/p,
///   Y ~ Binomial(X, q/p): a′ = Y, s′ = Binomial(s, q), b′ = R − Y.
///
/// Per customer this is the coupling "one uniform U per renewal, renew iff U < p in the
/// baseline and iff U < q in the strategy's world": a customer alive in both renews in both with
/// probability min(p, q) and in exactly one with |q − p|. Each group renews independently of the
/// others given the trial's parameters, so the strategy's survivors a′ + s′ are Binomial(a + s, q)
/// given its survivors before the step — its count process is the same binomial thinning as when
/// it is simulated alone, for any per-step p and q (sBG included), whatever the baseline drew.
/// The baseline's draws are only read, never changed. b is not stored: it is the baseline's count
/// less a.
///
/// - Complexity: O(1) expected plus one hypergeometric draw, O(1 + σ) (σ its standard
///   deviation), which is skipped when a = 0, b = 0, R = 0 or R = a + b.
enum CoupledThinning {
    /// Advances (a, s) by one step; `baseline` is a + b before the step and `renewed` the
    /// baseline's R. Draws (in this order) the hypergeometric, then Y, then s′ from `rng`.
    @inline(__always)
    static func step(both a: inout Int, strategyOnly s: inout Int, baseline: Int, renewed: Int,
                     baselineProbability p: Double, strategyProbability q: Double, using rng: inout RandomStream) {
        var x = 0
        if a > 0 {
            let b = baseline - a
            if b == 0 || renewed == baseline { x = Swift.min(a, renewed) }
            else if renewed > 0 { x = Sampler.hypergeometric(population: baseline, successes: a, draws: renewed, using: &rng) }
        }
        if q >= p {
            var y = 0
            if a - x > 0 && q > p && p < 1 {
                y = Sampler.binomial(count: a - x, probability: Swift.min(1, (q - p) / (1 - p)), using: &rng)
            }
            a = x
            s = (s > 0 ? Sampler.binomial(count: s, probability: q, using: &rng) : 0) + y
        } else {
            a = x > 0 ? Sampler.binomial(count: x, probability: q / p, using: &rng) : 0
            if s > 0 { s = Sampler.binomial(count: s, probability: q, using: &rng) }
        }
    }

    /// One referral count of a strategy coupled to the baseline's: with the baseline's
    /// N_b ~ Poisson(λ_b), N_s = N_b + Poisson(λ_s − λ_b) when λ_s ≥ λ_b (superposition), and
    /// N_s = Binomial(N_b, λ_s/λ_b) otherwise (thinning); either way N_s ~ Poisson(λ_s) exactly.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    static func referrals(baseline nb: Int, baselineMean lb: Double, strategyMean ls: Double,
                          using rng: inout RandomStream) -> Int {
        if ls >= lb { return ls > lb ? nb + Sampler.poisson(mean: ls - lb, using: &rng) : nb }
        return nb > 0 ? Sampler.binomial(count: nb, probability: ls / lb, using: &rng) : 0
    }
}
