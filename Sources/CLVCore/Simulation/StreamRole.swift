import CLVRandom

/// What a random stream is used for within a trial (docs/model.md "Reproducibility").
///
/// A stream is identified by (seed, trial, role); the role packs the purpose and up to three
/// indices into 64 bits: `purpose << 56 | a << 40 | b << 20 | c`, with `a` < 2¹⁶ and `b`, `c` < 2²⁰.
/// Because a role never mentions a thread, a block or a strategy, the baseline and every
/// strategy of a trial draw the same numbers for the same purpose: common random numbers. A
/// strategy's own draws (coupled renewals and referrals, its `set` and cost draws) are keyed by
/// its name, never by its position.
public enum StreamPurpose: UInt64, Sendable {
    /// Per-trial draw of a scenario input, keyed by a 56-bit hash of its scenario path.
    case input = 1
    /// Renewals of the current customers of segment `a`, step `c`.
    case survivalCurrent
    /// Renewals of the plan-acquired cohort of segment `a` acquired in period `b`, step `c`;
    /// with `b` = 0, the renewals in period `c` of the segment's pool of plan-acquired customers.
    case survivalPlan
    /// Renewals of the referred cohort of segment `a` acquired in period `b`, step `c`; with
    /// `b` = 0, the renewals in period `c` of the segment's pool of referred customers.
    case survivalReferral
    /// Spend multipliers of the current customers of segment `a`, lifetime group `c`.
    case multiplierCurrent
    /// Spend multipliers of a plan-acquired cohort (segment `a`, period `b`, lifetime group `c`).
    case multiplierPlan
    /// Spend multipliers of a referred cohort (segment `a`, period `b`, lifetime group `c`).
    case multiplierReferral
    /// Referrals made by the new customers of segment `a` acquired in period `b`.
    case referrals
    /// Draw of the `set` distribution of strategy `a`, change `b`.
    case strategyInput
    /// Draw of cost item `b` of strategy `a`.
    case strategyCost
    /// The Latin hypercube order of the strata of an input, keyed like the input.
    case latinHypercube
    /// A strategy's renewals of the current customers of segment `a`, step `c`, drawn
    /// conditionally on the baseline's (`CoupledThinning`). The coupled purposes are drawn with
    /// the run's seed combined with the strategy's key (`CouplingState.key(strategy:)`), so that
    /// each strategy has its own streams whatever its position.
    case coupledSurvivalCurrent
    /// A strategy's renewals of a plan-acquired cohort (segment `a`, period `b`, step `c`; with
    /// `b` = 0, of the segment's pool in period `c`), conditionally on the baseline's.
    case coupledSurvivalPlan
    /// A strategy's renewals of a referred cohort (segment `a`, period `b`, step `c`; with
    /// `b` = 0, of the segment's pool in period `c`), conditionally on the baseline's.
    case coupledSurvivalReferral
    /// A strategy's referrals made by the new customers of segment `a` acquired in period `b`,
    /// conditionally on the baseline's.
    case coupledReferrals
    /// The uniform that converts the prospects of plan `a` in period `b` into customers
    /// (`Sampler.binomialQuantile`, docs/optimization.md "Common random numbers").
    case conversion
    /// The outcomes (renewals, migrations, purchases) of the state chain of a cohort of segment
    /// `a` (docs/model.md "How the state chains are simulated"), in step `c` (the c-th period from
    /// the cohort's first; step 0 is a renewal before it): the current customers' group `b` (the period of
    /// their first renewal), or the new customers acquired in period `b`, or with `b` = 0 the
    /// segment's pool; the outcomes of all states of a step are drawn in state order from this
    /// one stream. One purpose per origin: current, plan, referral.
    case chainCurrent
    case chainPlan
    case chainReferral
}

extension RandomStream {
    /// The stream for `purpose` with indices (a, b, c) in trial `trial` of a run seeded with `seed`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(seed: UInt64, trial: Int, purpose: StreamPurpose, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) {
        let role = purpose.rawValue << 56
            | (UInt64(truncatingIfNeeded: a) & 0xFFFF) << 40
            | (UInt64(truncatingIfNeeded: b) & 0xF_FFFF) << 20
            | (UInt64(truncatingIfNeeded: c) & 0xF_FFFF)
        self.init(seed: seed, trial: UInt32(truncatingIfNeeded: trial), role: role)
    }

    /// The stream for `purpose` with a 56-bit `key` (e.g. `StreamKey.path(_:)`).
    @inlinable
    public init(seed: UInt64, trial: Int, purpose: StreamPurpose, key: UInt64) {
        self.init(seed: seed, trial: UInt32(truncatingIfNeeded: trial),
                  role: purpose.rawValue << 56 | (key & 0x00FF_FFFF_FFFF_FFFF))
    }
}

/// Stream keys derived from names rather than positions.
public enum StreamKey {
    /// The 64-bit FNV-1a hash of a scenario path. Keying an input's stream by its path, not its
    /// position, keeps common random numbers between two scenario files that list different
    /// inputs (`clvsim compare`): an input with the same path gets the same draws in both.
    ///
    /// - Complexity: O(path length).
    public static func path(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
