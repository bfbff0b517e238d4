/// Migration probabilities between segments at renewal, and renewal rates, from counts of
/// customers moving between segments, as conjugate posteriors.
///
/// For each segment s (a `from` row of the table) the counts are: c₀ customers who renewed and
/// stayed in s, cₑ who renewed and moved to segment e (for each destination e the table lists),
/// and, when the table has them, the customers who did not renew (`lost`). Among the R = c₀ + Σcₑ
/// who renewed, the moves are multinomial with probabilities (π₀, π₁, …, πₘ), conditional on
/// renewing. Under the uniform prior Dirichlet(1, …, 1) over staying and each listed destination,
/// the posterior is
///
///     (π₀, π₁, …, πₘ) | data ~ Dirichlet(1 + c₀, 1 + c₁, …, 1 + cₘ)
///
/// and each destination's marginal is Beta(aₑ, A − aₑ) with aₑ = 1 + cₑ and A = m + 1 + R:
/// mean aₑ/A, variance aₑ(A − aₑ)/(A²(A + 1)).
///
/// The renewal rate r of s, when `lost` counts are given, has the posterior
/// Beta(1 + R, 1 + L) under the uniform prior, with L customers lost.
public struct MigrationFit: Sendable, Equatable {
    /// One row of the input: `count` customers of segment `from` went to `to` at renewal.
    public struct Count: Sendable, Equatable {
        public var from: String
        public var to: String
        public var count: Int
        /// The input line, or 0 when not read from a file.
        public var line: Int

        /// A count; `line` is its input line (0 when not read from a file).
        ///
        /// - Complexity: O(1).
        public init(from: String, to: String, count: Int, line: Int = 0) {
            self.from = from
            self.to = to
            self.count = count
            self.line = line
        }
    }

    /// A destination segment of one `from` segment and its marginal posterior.
    public struct Destination: Sendable, Equatable {
        /// The segment moved to.
        public var segment: String
        /// Customers who renewed and moved there, cₑ.
        public var count: Int
        /// The input line of its count.
        public var line: Int
        /// The marginal posterior Beta(aₑ, A − aₑ), aₑ = 1 + cₑ: mean aₑ/A, variance
        /// aₑ(A − aₑ)/(A²(A + 1)).
        public var posterior: BetaPosterior
    }

    /// The moves out of one segment.
    public struct Origin: Sendable, Equatable {
        /// The segment moved from.
        public var segment: String
        /// The input line of its first count.
        public var line: Int
        /// Customers who renewed and stayed, c₀.
        public var stayed: Int
        /// Moves to other segments, in order of first appearance in the input.
        public var destinations: [Destination]
        /// Customers who did not renew, when the input counts them.
        public var lost: Int?

        /// Customers who renewed, R = c₀ + Σcₑ.
        public var renewed: Int { destinations.reduce(stayed) { $0 + $1.count } }
        /// The Dirichlet posterior's total A = m + 1 + R.
        public var dirichletTotal: Double { Double(destinations.count + 1 + renewed) }
        /// The marginal posterior of staying, Beta(1 + c₀, A − 1 − c₀).
        public var stay: BetaPosterior {
            let a = MigrationFit.priorWeight + Double(stayed)
            return BetaPosterior(alpha: a, beta: dirichletTotal - a)
        }

        /// The renewal rate's posterior Beta(1 + R, 1 + L), when the input counts lost customers.
        public var renewal: BetaPosterior? {
            lost.map { BetaPosterior(uniformPriorWithSuccesses: renewed, trials: renewed + $0) }
        }

        /// Upper ends uₑ of supports for the destinations' probabilities that sum to 1 and keep
        /// each mean inside: uₑ = mₑ + (1 − Σm)·mₑ/Σm = mₑ/Σm, Σ over the destinations (the rest
        /// of the probability, staying, is shared out in proportion to the means).
        ///
        /// - Complexity: O(m).
        public var upperBounds: [Double] {
            let total = destinations.reduce(0) { $0 + $1.posterior.mean }
            return destinations.map { $0.posterior.mean / total }
        }
    }

    /// The uniform prior's weight on each category: Dirichlet(1, …, 1) and Beta(1, 1).
    public static let priorWeight = 1.0

    /// The `from` segments in order of first appearance.
    public var origins: [Origin]
    /// The token of `to` that means "did not renew".
    public var lostToken: String

    /// The posteriors from counts.
    ///
    /// - Throws: `FitError` naming the line of a negative count, an empty segment name, a
    ///   (from, to) pair given twice, or the first line of a segment with no renewals (only
    ///   lost customers: nothing says where renewing customers go); a whole-data error when
    ///   there are no counts.
    /// - Complexity: O(n) expected for n counts.
    public init(counts: [Count], lostToken: String = "lost") throws {
        guard !counts.isEmpty else { throw FitError("no counts; list how many customers went from each segment to each") }
        var index: [String: Int] = [:]
        var origins: [Origin] = []
        var seen: [String: [String: Int]] = [:]
        for c in counts {
            guard !c.from.isEmpty else { throw FitError(line: c.line, "the from segment is empty") }
            guard !c.to.isEmpty else { throw FitError(line: c.line, "the to segment is empty") }
            guard c.count >= 0 else { throw FitError(line: c.line, "count \(c.count) is negative") }
            guard c.count <= SurvivalTable.maximumCount else {
                throw FitError(line: c.line, "count \(c.count) is more than clvsim accepts (\(SurvivalTable.maximumCount))")
            }
            guard c.from != lostToken else {
                throw FitError(line: c.line, "\"\(lostToken)\" is the token for customers who did not renew and cannot be a from segment; choose another with --lost")
            }
            if let other = seen[c.from, default: [:]].updateValue(c.line, forKey: c.to) {
                throw FitError(line: c.line, "from \(c.from) to \(c.to) appears twice (also on line \(other)); give one count per pair")
            }
            let i: Int
            if let known = index[c.from] {
                i = known
            } else {
                i = origins.count
                index[c.from] = i
                origins.append(Origin(segment: c.from, line: c.line, stayed: 0, destinations: [], lost: nil))
            }
            if c.to == c.from {
                origins[i].stayed = c.count
            } else if c.to == lostToken {
                origins[i].lost = c.count
            } else {
                origins[i].destinations.append(Destination(segment: c.to, count: c.count, line: c.line,
                                                           posterior: BetaPosterior(alpha: 1, beta: 1)))
            }
        }
        for i in origins.indices {
            guard origins[i].renewed > 0 else {
                throw FitError(line: origins[i].line, "segment \(origins[i].segment) has no renewals (no customer stayed or moved); migration is conditional on renewing, so at least one count must be a renewal")
            }
            let total = origins[i].dirichletTotal
            for e in origins[i].destinations.indices {
                let a = Self.priorWeight + Double(origins[i].destinations[e].count)
                origins[i].destinations[e].posterior = BetaPosterior(alpha: a, beta: total - a)
            }
        }
        self.origins = origins
        self.lostToken = lostToken
    }

    /// Checks every segment the counts name against the scenario's segments `known`.
    ///
    /// - Throws: `FitError` at the line of the first count naming a segment not in `known`,
    ///   listing the scenario's segments.
    /// - Complexity: O(n + |known|) expected.
    public func checkSegments(known: [String]) throws {
        let names = Set(known)
        func check(_ segment: String, line: Int) throws {
            guard !names.contains(segment) else { return }
            throw FitError(line: line, "the scenario has no segment named \"\(segment)\"; its segments are: \(known.joined(separator: ", "))")
        }
        for origin in origins {
            try check(origin.segment, line: origin.line)
            for d in origin.destinations { try check(d.segment, line: d.line) }
        }
    }
}
