import Foundation

/// The states a customer acquired into a segment with dynamics can be in, and the rules that move
/// them from period to period (docs/model.md "Customer dynamics: recency, migration and billing
/// cycles"). The one definition of those rules: the kernel draws its counts from it
/// (`TrialSimulator+Chains.swift`) and the expected values multiply its matrices
/// (`ChainExpectation`).
///
/// A customer is in one state during each period. In a period a customer in state i
/// - yields `stateMargin(i)` per unit of spend multiplier and costs `stateService(i)`;
/// - then takes one of the state's outcomes o with probability p_o, which yields
///   `outcomeMargin(o)` per unit of spend multiplier in the same period and puts the customer in
///   state `next(o)` the next period (or loses them).
///
/// **Recency** (`model: recency` with k purchase probabilities): state 0 is the period of
/// acquisition (the first purchase: margin, no service cost); state j = 1 … k is recency j at the
/// start of the period (service cost, then a purchase with probability p_j that yields the
/// margin and leads to recency 1; otherwise recency j + 1, and from recency k the customer is lost).
///
/// **Billing cycles and migration** (every other model): state (d, φ) is segment d, φ periods
/// into a billing cycle of b_d periods, for every segment d reachable by migration. In phase 0 the
/// customer pays the cycle's revenue, b_d periods of d's margin per unit; every period costs d's
/// service cost. Mid-cycle the customer moves to phase φ + 1. At the end of the cycle the
/// customer renews with d's renewal probability q (renewal number n = tenure / b_d at the next
/// period) and, having renewed, moves to (e, 0) with d's migration probability m_e or stays in
/// (d, 0) with 1 − Σ m_e; or is lost with 1 − q.
struct CustomerChain: Sendable {
    /// The segment whose customers start in this chain.
    let origin: Int
    /// Whether this is a recency chain (else billing and migration).
    let isRecency: Bool
    /// The segment of each state (the segment whose customers it counts as active).
    let stateSegment: [Int]
    /// The billing phase of each state, or its recency (0 = the period of acquisition).
    let statePhase: [Int]
    /// Per scenario segment: the index of its phase-0 state, or −1 when not reachable.
    let phaseZero: [Int]
    /// Per scenario segment: the segment index of each of its migrations, in file order.
    let migrationTargets: [[Int]]
    /// Billing cycle of each scenario segment.
    let cycle: [Int]
    /// Whether every segment the chain reaches renews or purchases with probabilities that do not
    /// depend on tenure (constant, response-curve or recency retention).
    let hasTenureFreeRetention: Bool
    /// The most outcomes any state has (for scratch buffers).
    let maximumOutcomes: Int

    var stateCount: Int { stateSegment.count }
    /// The segments the chain's states belong to, each once.
    let segments: [Int]

    /// The chain of segment `origin`, or nil when the segment has no dynamics.
    ///
    /// - Complexity: O(S + states).
    init?(scenario: Scenario, origin: Int) {
        let segment = scenario.segments[origin]
        // Customers of a segment without dynamics stay in it until they churn, even when others
        // migrate into it (those are followed by their own origin's chain).
        guard segment.hasDynamics else { return nil }
        self.origin = origin
        var index: [String: Int] = [:]
        for (s, other) in scenario.segments.enumerated() where index[other.name] == nil { index[other.name] = s }
        let targets = scenario.segments.map { $0.migration.compactMap { index[$0.to] } }
        migrationTargets = targets
        cycle = scenario.segments.map { max(1, $0.billingPeriods) }
        var phaseZero = [Int](repeating: -1, count: scenario.segments.count)
        if case .recency(let probabilities) = segment.retention {
            isRecency = true
            stateSegment = [Int](repeating: origin, count: probabilities.count + 1)
            statePhase = Array(0...probabilities.count)
            phaseZero[origin] = 0
            maximumOutcomes = 2
            segments = [origin]
        } else {
            isRecency = false
            let reachable = scenario.segments.reachableByMigration(from: origin, index: index)
            var segments: [Int] = [], phases: [Int] = []
            for d in reachable {
                phaseZero[d] = segments.count
                for phase in 0..<cycle[d] {
                    segments.append(d)
                    phases.append(phase)
                }
            }
            stateSegment = segments
            statePhase = phases
            self.segments = reachable
            maximumOutcomes = 2 + reachable.map { targets[$0].count }.max()!
        }
        self.phaseZero = phaseZero
        hasTenureFreeRetention = self.segments.allSatisfy { d in
            switch scenario.segments[d].retention {
            case .constant, .constantResponse, .recency: return true
            case .sbg, .curve: return false
            }
        }
    }

    /// Whether no state's probabilities or cash depend on tenure under the parameters `p`:
    /// tenure-free retention and no revenue growth in any segment the chain reaches. Then the
    /// transition matrix and the cash per state are the same at every tenure.
    func isTenureFree(_ p: [SegmentParameters]) -> Bool {
        hasTenureFreeRetention && segments.allSatisfy { p[$0].revenueGrowth == 0 }
    }

    /// A segment's margin per unit of spend multiplier in one period at tenure k:
    /// revenue · margin · (1 + g)^(k / periodsPerYear) (docs/model.md "Revenue").
    @inline(__always)
    static func margin(_ p: SegmentParameters, tenure k: Int, periodsPerYear: Int) -> Double {
        let base = p.revenue * p.margin
        guard base != 0, p.revenueGrowth != 0 else { return base }
        return base * exp(log1p(p.revenueGrowth) * Double(k) / Double(periodsPerYear))
    }

    /// Margin per unit of spend multiplier of being in state `i` at tenure `k`.
    @inline(__always)
    func stateMargin(_ i: Int, tenure k: Int, _ p: [SegmentParameters], periodsPerYear: Int) -> Double {
        if isRecency {
            return i == 0 ? Self.margin(p[origin], tenure: k, periodsPerYear: periodsPerYear) : 0
        }
        guard statePhase[i] == 0 else { return 0 }
        let d = stateSegment[i]
        return Double(cycle[d]) * Self.margin(p[d], tenure: k, periodsPerYear: periodsPerYear)
    }

    /// Service cost per customer of being in state `i` for one period.
    @inline(__always)
    func stateService(_ i: Int, _ p: [SegmentParameters]) -> Double {
        if isRecency { return i == 0 ? 0 : p[origin].serviceCost }
        return p[stateSegment[i]].serviceCost
    }

    /// Writes the outcomes of state `i` in a period at tenure `k` into the buffers and returns
    /// their number: probability, next state (−1 = lost) and margin per unit of multiplier.
    /// The probabilities add up to 1; the last outcome takes what the others leave.
    ///
    /// - Complexity: O(migrations of the state's segment).
    func outcomes(_ i: Int, tenure k: Int, _ p: [SegmentParameters], scenario: Scenario,
                  probability: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Int>,
                  margin: UnsafeMutablePointer<Double>) -> Int {
        if isRecency {
            guard i > 0 else {
                probability[0] = 1; next[0] = 1; margin[0] = 0
                return 1
            }
            let parameters = p[origin]
            let purchase = parameters.purchaseProbability[i - 1]
            probability[0] = purchase
            next[0] = 1
            margin[0] = Self.margin(parameters, tenure: k, periodsPerYear: scenario.periodsPerYear)
            probability[1] = 1 - purchase
            next[1] = i < stateCount - 1 ? i + 1 : -1
            margin[1] = 0
            return 2
        }
        let d = stateSegment[i]
        guard statePhase[i] == cycle[d] - 1 else {
            probability[0] = 1; next[0] = i + 1; margin[0] = 0
            return 1
        }
        let renewal = SegmentSchedule.renewalProbability(scenario.segments[d].retention, p[d], number: max(1, (k + 1) / cycle[d]))
        var count = 0
        var moved = 0.0
        for (m, e) in migrationTargets[d].enumerated() {
            let share = p[d].migrationProbability[m]
            probability[count] = renewal * share
            next[count] = phaseZero[e]
            margin[count] = 0
            moved += share
            count += 1
        }
        probability[count] = renewal * max(0, 1 - moved)
        next[count] = phaseZero[d]
        margin[count] = 0
        probability[count + 1] = 1 - renewal
        next[count + 1] = -1
        margin[count + 1] = 0
        return count + 2
    }

    /// Where the current customers of the origin segment start (docs/model.md "Billing cycles"):
    /// groups with a count, a first tenure and, for billing chains, whether a renewal comes
    /// before their first period.
    ///
    /// - Recency: one group of all customers in state `recency`, tenure renewals + 1.
    /// - Billing: b groups; group g = 1 … b (next renewal in period g) holds ⌊N/b⌋ customers,
    ///   plus one for g ≤ N mod b. It starts in phase b − g the period before period 1 and takes
    ///   that period's outcomes first (so group 1 renews in period 1, renewal number
    ///   `renewals` + 1); its tenure in period 1 is (renewals + 1)·b − g + 1.
    func currentGroups(_ segment: Segment) -> [(state: Int, count: Int, tenure: Int, renewsFirst: Bool)] {
        let n = segment.customers
        if isRecency {
            return [(min(max(1, segment.recency), stateCount - 1), n, segment.renewals + 1, false)]
        }
        let b = cycle[origin]
        return (1...b).map { g in
            let count = n / b + (g <= n % b ? 1 : 0)
            return (phaseZero[origin] + b - g, count, (segment.renewals + 1) * b - g + 1, true)
        }
    }
}
