import CLVFit
import CLVRandom
import Foundation

/// Synthetic data sets drawn from the fitted models with known parameters.
enum Synthetic {
    // MARK: Draws, by clvsim's own samplers

    static func gamma<G: RandomNumberGenerator>(shape: Double, scale: Double, using rng: inout G) -> Double {
        Sampler.gamma(shape: shape, scale: scale, using: &rng)
    }

    static func beta<G: RandomNumberGenerator>(_ a: Double, _ b: Double, using rng: inout G) -> Double {
        Sampler.beta(alpha: a, beta: b, using: &rng)
    }

    static func poisson<G: RandomNumberGenerator>(mean: Double, using rng: inout G) -> Int {
        Sampler.poisson(mean: mean, using: &rng)
    }

    static func binomial<G: RandomNumberGenerator>(trials: Int, probability: Double, using rng: inout G) -> Int {
        Sampler.binomial(count: trials, probability: probability, using: &rng)
    }

    // MARK: Data sets

    /// Survivor counts of one cohort of `customers` sBG customers observed for `periods` periods.
    static func sbgCohort<G: RandomNumberGenerator>(alpha: Double, beta: Double, customers: Int, periods: Int,
                                                     using rng: inout G) -> [Int] {
        var lifetimes = [Int](repeating: 0, count: periods + 1)  // churn renewal, capped at periods + 1
        var active = [Int](repeating: 0, count: periods + 1)
        for _ in 0..<customers {
            let theta = self.beta(alpha, beta, using: &rng)
            // Renewal at which the customer churns: geometric on {1, 2, ...} with success θ.
            let t = theta >= 1 ? 1.0 : 1 + floor(log(rng.nextOpenUnit()) / log1p(-theta))
            let churn = t.isFinite ? Int(min(t, Double(periods + 1))) : periods + 1
            if churn <= periods { lifetimes[churn] += 1 }
        }
        var alive = customers
        for t in 0...periods {
            alive -= lifetimes[t]
            active[t] = alive
        }
        return active
    }

    /// Survivor counts of one cohort with constant retention `rate`.
    static func constantCohort<G: RandomNumberGenerator>(rate: Double, customers: Int, periods: Int,
                                                          using rng: inout G) -> [Int] {
        var active = [customers]
        for _ in 0..<periods {
            active.append(binomial(trials: active.last ?? 0, probability: rate, using: &rng))
        }
        return active
    }

    /// Gamma-Gamma customers: ν ~ Gamma(q, rate γ), x = 1 + Poisson(2) repeats, mean of x values
    /// Gamma(p, rate ν) — their sum is Gamma(px, rate ν).
    static func spendSummaries<G: RandomNumberGenerator>(p: Double, q: Double, gamma g: Double, customers: Int,
                                                          using rng: inout G) -> [SpendFit.RepeatSummary] {
        (0..<customers).map { _ in
            let nu = gamma(shape: q, scale: 1 / g, using: &rng)
            let x = 1 + poisson(mean: 2, using: &rng)
            let total = gamma(shape: p * Double(x), scale: 1 / nu, using: &rng)
            return SpendFit.RepeatSummary(repeats: x, meanValue: total / Double(x))
        }
    }

    /// Referral records: invitations ~ Poisson(λ), conversions ~ Binomial(invitations, c).
    static func referrals<G: RandomNumberGenerator>(invitationsPerCustomer lambda: Double, conversionRate c: Double,
                                                     customers: Int, using rng: inout G) -> [ReferralFit.Record] {
        (0..<customers).map { i in
            let m = poisson(mean: lambda, using: &rng)
            return ReferralFit.Record(customer: String(i), invitations: m,
                                      conversions: binomial(trials: m, probability: c, using: &rng))
        }
    }

    /// The sample standard deviation.
    static func sd(_ xs: [Double]) -> Double {
        let m = xs.reduce(0, +) / Double(xs.count)
        return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
    }

    /// The mean.
    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
}
