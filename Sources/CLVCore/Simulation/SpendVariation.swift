import CLVRandom

/// One segment's spend variation: each customer's spend multiplier is Gamma(k, 1/k) (mean 1;
/// docs/model.md "Revenue"), so the multipliers of a group of c customers add up to one
/// Gamma(c·k, 1/k) draw (docs/model.md "How the simulation works, and why it is exact").
///
/// The kernel draws such a total for every lifetime group of every cohort, and the state chains
/// for every group of arrivals — mostly for the same few small counts c. Marsaglia–Tsang's
/// constants of the shapes c·k for c up to `tabledCounts` are computed once per run
/// (`Sampler.GammaShape`) instead of a square root and a division per draw; every total is
/// bitwise the draw of `Sampler.gamma(shape: c·k, scale: 1/k)`.
struct SpendVariation: Sendable {
    /// The shape k of one customer's multiplier.
    let shape: Double
    /// The scale 1/k of every total.
    private let scale: Double
    /// Counts up to this have their shape's constants tabled.
    static let tabledCounts = 256
    /// The constants of shape c·k at index c − `firstTabled`, for the counts c from `firstTabled`
    /// (the smallest with c·k ≥ 1, the domain of Marsaglia–Tsang) to `tabledCounts`.
    private let groupShapes: [Sampler.GammaShape]
    private let firstTabled: Int

    /// - Complexity: O(`tabledCounts`).
    init(shape k: Double) {
        shape = k
        scale = 1 / k
        var first = 1
        while first <= Self.tabledCounts && Double(first) * k < 1 { first += 1 }
        firstTabled = first
        groupShapes = first <= Self.tabledCounts ? (first...Self.tabledCounts).map { Sampler.GammaShape(Double($0) * k) } : []
    }

    /// The multiplier total of `count` ≥ 1 customers: a Gamma(count·k, 1/k) draw from `rng`.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func total(of count: Int, using rng: inout RandomStream) -> Double {
        let index = count &- firstTabled
        if index >= 0 && index < groupShapes.count {
            return scale * Sampler.standardGamma(groupShapes[index], using: &rng)
        }
        return Sampler.gamma(shape: Double(count) * shape, scale: scale, using: &rng)
    }
}
