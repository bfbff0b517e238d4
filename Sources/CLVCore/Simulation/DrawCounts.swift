/// How many exact draws of each kind a trial simulation made (results/BENCHMARKS.md, "Draws per
/// trial"): the measure of the kernel's work, since its cost is bound by the number of draws.
///
/// Counted only in debug builds (`TrialSimulator.drawCounts`); release builds do not count, so
/// counting costs the kernel nothing where speed is measured.
struct DrawCounts: Sendable, Equatable {
    /// Binomial thinning steps (one `Sampler.binomial` call on a cohort or pool).
    var binomial = 0
    /// Lifetime-group multiplier totals (one `Sampler.gamma` call).
    var gamma = 0
    /// Referral counts (one `Sampler.poisson` call).
    var poisson = 0
    /// Customers whose remaining lifetime was drawn one by one (one uniform each).
    var customerLifetimes = 0

    /// Adds the counts of another simulation.
    static func += (a: inout DrawCounts, b: DrawCounts) {
        a.binomial += b.binomial
        a.gamma += b.gamma
        a.poisson += b.poisson
        a.customerLifetimes += b.customerLifetimes
    }
}

extension DrawCounts {
    /// Whether this build counts draws (debug builds only).
    #if DEBUG
    static let areCounted = true
    #else
    static let areCounted = false
    #endif
}
